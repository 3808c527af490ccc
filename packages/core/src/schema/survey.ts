import type { Prisma } from "@roundtable/db";
import type { RoleName } from "../auth/roles.ts";
import { builder } from "./builder.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput } from "./references.ts";
import "./survey-editing.ts";
import "./survey-lifecycle.ts";
import "./survey-public.ts";
import "./survey-response.ts";

/** Who may write and run surveys. */
export const SURVEY_EDITORS: RoleName[] = ["COORDINATOR", "UNIT_COMMANDER", "CHIEF", "AGENCY_ADMIN"];

export const SurveyStatus = builder.enumType("SurveyStatus", {
  description: "DRAFT while being written; OPEN takes answers from the public; CLOSED keeps the answers.",
  values: ["DRAFT", "OPEN", "CLOSED"] as const,
});

export const QuestionKind = builder.enumType("QuestionKind", {
  description: "TEXT takes free text; choice kinds take their options; SCALE takes a whole number from 1 to 5.",
  values: ["TEXT", "SINGLE_CHOICE", "MULTIPLE_CHOICE", "SCALE"] as const,
});

export const Survey = builder.prismaNode("Survey", {
  description: "A survey the agency runs; the public answers it without an account (CPP-06, CPP-14).",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    title: t.exposeString("title"),
    description: t.exposeString("description", { nullable: true }),
    unit: t.relation("unit", { nullable: true, description: "The unit the survey is for; null for the whole agency." }),
    status: t.expose("status", { type: SurveyStatus }),
    opensAt: t.expose("opensAt", { type: "DateTime", nullable: true }),
    closesAt: t.expose("closesAt", {
      type: "DateTime",
      nullable: true,
      description: "After this instant the survey takes no more answers, even while OPEN.",
    }),
    languages: t.exposeStringList("languages", { description: "Languages the survey is offered in (BCP 47 tags)." }),
    version: t.exposeInt("version"),
    questions: t.relation("questions", { query: { orderBy: { position: "asc" } } }),
    responseCount: t.relationCount("responses"),
    responses: t.relatedConnection("responses", {
      cursor: "id",
      totalCount: true,
      description: "The anonymous answers, newest first.",
      query: { orderBy: [{ submittedAt: "desc" }, { id: "asc" }] },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

builder.prismaNode("SurveyQuestion", {
  description: "One question of a survey, in its position.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    position: t.exposeInt("position", { description: "1 for the first question." }),
    prompt: t.exposeString("prompt"),
    kind: t.expose("kind", { type: QuestionKind }),
    options: t.exposeStringList("options", { description: "The choices of a choice question; empty otherwise." }),
    required: t.exposeBoolean("required"),
    survey: t.relation("survey"),
  }),
});

const SurveyOrder = builder.enumType("SurveyOrder", { values: ["RECENTLY_CREATED", "TITLE"] as const });

const SurveyFilter = builder.inputType("SurveyFilter", {
  fields: (t) => ({
    status: t.field({ type: SurveyStatus, required: false }),
    unitId: t.id({ required: false, description: "Only surveys for this unit." }),
  }),
});

builder.queryField("surveys", (t) =>
  t.prismaConnection({
    type: Survey,
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's surveys.",
    args: {
      filter: t.arg({ type: SurveyFilter, required: false }),
      orderBy: t.arg({ type: SurveyOrder, required: false, defaultValue: "RECENTLY_CREATED" }),
    },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.survey.count({ where: surveyWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.survey.findMany({
          ...query,
          where: surveyWhere(args.filter),
          orderBy: args.orderBy === "TITLE" ? [{ title: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "asc" }],
        }),
      ),
  }),
);

function surveyWhere(filter: typeof SurveyFilter.$inferInput | null | undefined): Prisma.SurveyWhereInput {
  return {
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
  };
}

/** What survey mutations answer: the survey, read again with whatever the client asked for. */
export const SurveyPayload = builder.objectRef<{ id: string }>("SurveyPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    survey: t.prismaField({
      type: Survey,
      resolve: (query, payload, _args, ctx) => ctx.db.survey.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});
