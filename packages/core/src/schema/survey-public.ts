import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Prisma } from "@roundtable/db";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { builder } from "./builder.ts";
import { decodeIdOf } from "./global-id.ts";
import { QuestionKind } from "./survey.ts";

type SurveyReader = Pick<TenantDb, "survey">;

/**
 * Surveys taking answers right now: OPEN, and inside their announced window if they have
 * one. The public sees these and nothing else.
 */
export function acceptingAnswers(now: Date): Prisma.SurveyWhereInput {
  return {
    status: "OPEN",
    AND: [{ OR: [{ opensAt: null }, { opensAt: { lte: now } }] }, { OR: [{ closesAt: null }, { closesAt: { gt: now } }] }],
  };
}

/**
 * The survey a public request names, with its questions in order, if it takes answers now;
 * null otherwise (also for a malformed ID or another agency's survey: no oracle).
 */
export async function findOpenSurvey(db: SurveyReader, surveyGlobalId: string) {
  const id = decodeIdOf("Survey", surveyGlobalId);
  if (!id) return null;
  return db.survey.findFirst({
    where: { id, ...acceptingAnswers(new Date()) },
    include: { questions: { orderBy: { position: "asc" } } },
  });
}

type OpenSurvey = NonNullable<Awaited<ReturnType<typeof findOpenSurvey>>>;

const PublicSurveyQuestion = builder.objectRef<OpenSurvey["questions"][number]>("PublicSurveyQuestion").implement({
  description: "A question as the public sees it.",
  authScopes: { public: true },
  fields: (t) => ({
    id: t.id({
      description: "Send it back as answers.questionId.",
      resolve: (question) => encodeGlobalID("SurveyQuestion", question.id),
    }),
    prompt: t.exposeString("prompt"),
    kind: t.expose("kind", { type: QuestionKind }),
    options: t.exposeStringList("options"),
    required: t.exposeBoolean("required"),
  }),
});

const PublicSurvey = builder.objectRef<OpenSurvey>("PublicSurvey").implement({
  description: "An open survey as the public sees it: what to answer, nothing about the agency's records.",
  authScopes: { public: true },
  fields: (t) => ({
    id: t.id({ resolve: (survey) => encodeGlobalID("Survey", survey.id) }),
    title: t.exposeString("title"),
    description: t.exposeString("description", { nullable: true }),
    languages: t.exposeStringList("languages"),
    questions: t.field({ type: [PublicSurveyQuestion], resolve: (survey) => survey.questions }),
  }),
});

builder.queryField("publicSurvey", (t) =>
  t.field({
    type: PublicSurvey,
    nullable: true,
    authScopes: { public: true },
    description: "An agency's survey for anyone to answer, without an account; null unless it is open now.",
    args: { agencySlug: t.arg.string({ required: true }), surveyId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const scope = await ctx.scopeBySlug(args.agencySlug.trim());
      return scope ? findOpenSurvey(scope.db, args.surveyId) : null;
    },
  }),
);
