import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { badUserInput, type FieldProblem, unauthenticated } from "../errors.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { assertCanEditActivity } from "./activity-access.ts";
import { ActivityPayload } from "./activity-node.ts";
import { builder } from "./builder.ts";
import { expectedVersion, languageTag, requiredText } from "./inputs/text.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";

// Language access at community meetings (CPP-04): who asked for which language, and whether
// a member with that language or a named volunteer interpreted.

/** The canonical form of a language tag ("ZH-hant" -> "zh-Hant"), so "es" and "ES" are one language. */
export function canonicalLanguage(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

/** Whether someone who speaks `spoken` can interpret `requested`: the same tag, or one that narrows the other ("es" and "es-MX"). */
export function speaksLanguage(spoken: readonly string[], requested: string): boolean {
  const wanted = requested.toLowerCase();
  return spoken.some((tag) => {
    const known = tag.toLowerCase();
    return known === wanted || wanted.startsWith(`${known}-`) || known.startsWith(`${wanted}-`);
  });
}

const language = languageTag.transform(canonicalLanguage);

const languageRequest = z.looseObject({ language, volunteerName: requiredText(200).nullish() }).superRefine((request, check) => {
  if (request.interpreterMemberId != null && request.volunteerName != null) {
    check.addIssue({
      code: "custom",
      path: ["volunteerName"],
      message: "give an interpreter member or a volunteer name, not both",
    });
  }
});

/** Language requests as inputs carry them, checked inside the input's whole-input schema: each language once. */
export const languageRequestList = z
  .array(languageRequest)
  .max(30, "must list at most 30 languages")
  .superRefine((requests, check) => {
    const seen = new Set<string>();
    requests.forEach((request, index) => {
      const key = String(request.language).toLowerCase();
      if (seen.has(key)) check.addIssue({ code: "custom", path: [index, "language"], message: "is listed twice" });
      seen.add(key);
    });
  });

builder.prismaObject("LanguageRequest", {
  description: "A language someone asked for at an activity, and who interpreted.",
  authScopes: { member: true },
  fields: (t) => ({
    language: t.exposeString("language", { description: "BCP 47 tag, e.g. `es` or `ko`." }),
    interpreter: t.relation("interpreter", { nullable: true, description: "The member who interpreted." }),
    volunteerName: t.exposeString("volunteerName", { nullable: true, description: "The volunteer who interpreted." }),
    provided: t.boolean({
      description: "Whether a member or a named volunteer interpreted; false means the request went unmet.",
      resolve: (request) => request.interpreterMemberId !== null || request.volunteerName !== null,
    }),
  }),
});

export const LanguageRequestInput = builder.inputType("LanguageRequestInput", {
  description: "A language asked for, and who interpreted: a member who speaks it, a named volunteer, or nobody (unmet).",
  fields: (t) => ({
    language: t.string({ required: true }),
    interpreterMemberId: t.id({ required: false }),
    volunteerName: t.string({ required: false }),
  }),
});

export interface LanguageRequestDraft {
  language: string;
  interpreterMemberId: string | null;
  volunteerName: string | null;
}

/**
 * Turns validated language requests into rows, checking that each interpreter is a member
 * of the agency who lists the language: NOT_FOUND or BAD_USER_INPUT naming the field.
 */
export async function languageRequestsFromInput(
  db: Pick<TenantDb, "member">,
  requests: readonly (typeof LanguageRequestInput.$inferInput)[] | null | undefined,
  field: string,
): Promise<LanguageRequestDraft[]> {
  const drafts: LanguageRequestDraft[] = [];
  const problems: FieldProblem[] = [];
  for (const [index, request] of (requests ?? []).entries()) {
    const at = `${field}.${index}.interpreterMemberId`;
    const interpreterMemberId = optionalIdFromInput("Member", request.interpreterMemberId, at) ?? null;
    if (interpreterMemberId) {
      await requireRows(db, { [at]: ["member", interpreterMemberId] });
      const interpreter = await db.member.findUniqueOrThrow({
        where: { id: interpreterMemberId },
        select: { name: true, languages: true },
      });
      if (!speaksLanguage(interpreter.languages, request.language)) {
        problems.push({ field: at, message: `${interpreter.name} does not list "${request.language}" among their languages` });
      }
    }
    drafts.push({ language: request.language, interpreterMemberId, volunteerName: request.volunteerName ?? null });
  }
  if (problems.length > 0) throw badUserInput(problems);
  return drafts;
}

/** Replaces an activity's language requests with `drafts`. */
export async function replaceLanguageRequests(
  db: Pick<TenantDb, "languageRequest">,
  activityId: string,
  drafts: readonly LanguageRequestDraft[],
): Promise<void> {
  await db.languageRequest.deleteMany({ where: { activityId } });
  if (drafts.length > 0) {
    await db.languageRequest.createMany({ data: drafts.map((draft) => ({ agencyId: "", activityId, ...draft })) });
  }
}

/** What the audit trail keeps of language access: the languages, never the volunteers' names. */
export function languageAccessSummary(drafts: readonly LanguageRequestDraft[]) {
  return {
    languages: drafts.map((draft) => draft.language),
    unmet: drafts.filter((draft) => !draft.interpreterMemberId && !draft.volunteerName).map((draft) => draft.language),
  };
}

const SetActivityLanguageRequestsInput = builder.inputType("SetActivityLanguageRequestsInput", {
  validate: z.looseObject({ expectedVersion, languageRequests: languageRequestList }),
  fields: (t) => ({
    activityId: t.id({ required: true }),
    expectedVersion: t.int({
      required: true,
      description: "The activity version you read; a stale one is refused with CONFLICT.",
    }),
    languageRequests: t.field({
      type: [LanguageRequestInput],
      required: true,
      description: "The whole list; it replaces the current one.",
    }),
  }),
});

builder.mutationField("setActivityLanguageRequests", (t) =>
  t.field({
    type: ActivityPayload,
    description: "Replaces the languages asked for at an activity and who interpreted them.",
    authScopes: { member: true },
    args: { input: t.arg({ type: SetActivityLanguageRequestsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const activityId = idFromInput("Activity", input.activityId, "input.activityId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.activityId": ["activity", activityId] });
        const activity = await tx.activity.findUniqueOrThrow({ where: { id: activityId }, select: { unitId: true } });
        await assertCanEditActivity(tx, ctx, [activity.unitId]);
        const drafts = await languageRequestsFromInput(tx, input.languageRequests, "input.languageRequests");
        await updateVersioned(tx.activity, activityId, input.expectedVersion, {}, "The activity");
        await replaceLanguageRequests(tx, activityId, drafts);
        await recordAuditEvent(tx, ctx, {
          action: "activity.set-language-requests",
          entityType: "Activity",
          entityId: activityId,
          after: languageAccessSummary(drafts),
        });
        return { id: activityId };
      });
    },
  }),
);

builder.mutationField("updateMyLanguages", (t) =>
  t.prismaField({
    type: "Member",
    description: "Records the languages you speak, so coordinators can find interpreters (CPP-04).",
    authScopes: { member: true },
    args: {
      languages: t.arg.stringList({
        required: true,
        description: "BCP 47 tags such as `es`, `ko` or `zh-Hant`; the whole list.",
        validate: z.array(language).max(50, "must list at most 50 languages"),
      }),
    },
    resolve: async (query, _root, args, ctx) => {
      if (ctx.principal.kind !== "member") throw unauthenticated();
      const memberId = ctx.principal.memberId;
      const languages = [...new Set(args.languages)];
      await ctx.db.$transaction(async (tx) => {
        const before = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { languages: true } });
        await tx.member.update({ where: { id: memberId }, data: { languages, version: { increment: 1 } } });
        await recordAuditEvent(tx, ctx, {
          action: "member.update-languages",
          entityType: "Member",
          entityId: memberId,
          before: { languages: before.languages },
          after: { languages },
        });
      });
      return ctx.db.member.findUniqueOrThrow({ ...query, where: { id: memberId } });
    },
  }),
);
