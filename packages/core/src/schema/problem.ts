import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";
import { expectedVersion, optionalText, requiredText } from "./inputs/text.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { DEFAULT_PLAN_KIND } from "./plan.ts";
import { assertCanEditProblem, assertCanRecordProblem, PROBLEM_CREATORS, PROBLEM_EDITORS } from "./problem-access.ts";
import { analysisData, analysisFields, analysisOf, ProblemAnalysis, ProblemAnalysisInput } from "./problem-analysis.ts";
import { assertSameUnit } from "./problem-links.ts";
import { RESPONSE_ORDER } from "./problem-response.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { CalendarDate } from "./trend-calendar-date.ts";
import { updateVersioned } from "./versioned-update.ts";

// SARA problem solving (CPP-10): scanning, analysis (the problem triangle), responses
// (problem-response.ts) and assessment. Prevention before enforcement (CPP-09) is visible as
// preventionResponseCount next to responseCount.

const ProblemStatus = builder.enumType("ProblemStatus", {
  description: "The SARA stage the problem is in, or CLOSED once assessed.",
  values: ["SCANNING", "ANALYSIS", "RESPONSE", "ASSESSMENT", "CLOSED"] as const,
});

export const Problem = builder.prismaNode("Problem", {
  description: "A problem a unit works through SARA with its community partners.",
  id: { field: "id" },
  // Columns are read as fields ask for them (select mode), not whole rows: dashboards list many.
  select: { id: true },
  authScopes: { member: true },
  fields: (t) => ({
    title: t.exposeString("title"),
    scanning: t.exposeString("scanning", { description: "What was seen, and by whom it was raised." }),
    analysis: t.field({
      type: ProblemAnalysis,
      select: { analysisOffender: true, analysisVictim: true, analysisPlace: true },
      resolve: analysisOf,
    }),
    assessment: t.exposeString("assessment", { nullable: true, description: "Whether the responses worked." }),
    status: t.expose("status", { type: ProblemStatus }),
    identifiedOn: t.expose("identifiedOn", { type: CalendarDate }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    unit: t.relation("unit"),
    plan: t.relation("plan", { nullable: true }),
    priority: t.relation("priority", { nullable: true, description: "The community priority the problem serves." }),
    responses: t.relation("responses", { description: "Responses in the order they were added.", query: RESPONSE_ORDER }),
    responseCount: t.relationCount("responses"),
    preventionResponseCount: t.int({
      description: "Responses of kind PREVENTION: the policy wants prevention, not solely enforcement (CPP-09).",
      // The same arguments as `responses`, so both share one load when a client asks for both.
      select: { responses: { ...RESPONSE_ORDER, select: { kind: true } } },
      resolve: (problem) => problem.responses.filter((response) => response.kind === "PREVENTION").length,
    }),
  }),
});

const ProblemOrder = builder.enumType("ProblemOrder", { values: ["RECENTLY_IDENTIFIED", "RECENTLY_UPDATED", "TITLE"] as const });

const ProblemFilter = builder.inputType("ProblemFilter", {
  fields: (t) => ({
    unitId: t.id({ required: false }),
    planId: t.id({ required: false }),
    status: t.field({ type: ProblemStatus, required: false }),
    priorityId: t.id({ required: false }),
    open: t.boolean({ required: false, description: "true: only problems not CLOSED; false: only CLOSED ones." }),
  }),
});

builder.queryField("problems", (t) =>
  t.prismaConnection({
    type: Problem,
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's problems, filtered and ordered as a station's list page needs.",
    args: {
      filter: t.arg({ type: ProblemFilter, required: false }),
      orderBy: t.arg({ type: ProblemOrder, required: false, defaultValue: "RECENTLY_IDENTIFIED" }),
    },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.problem.count({ where: problemWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.problem.findMany({ ...query, where: problemWhere(args.filter), orderBy: problemOrder(args.orderBy) }),
      ),
  }),
);

function problemWhere(filter: typeof ProblemFilter.$inferInput | null | undefined): Prisma.ProblemWhereInput {
  if (!filter) return {};
  return {
    ...(filter.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
    ...(filter.planId ? { planId: idFromInput("Plan", filter.planId, "filter.planId") } : {}),
    ...(filter.priorityId ? { priorityId: idFromInput("Priority", filter.priorityId, "filter.priorityId") } : {}),
    ...(filter.status
      ? { status: filter.status }
      : filter.open != null
        ? { status: filter.open ? { not: "CLOSED" } : "CLOSED" }
        : {}),
  };
}

function problemOrder(order: string | null | undefined): Prisma.ProblemOrderByWithRelationInput[] {
  if (order === "TITLE") return [{ title: "asc" }, { id: "asc" }];
  if (order === "RECENTLY_UPDATED") return [{ updatedAt: "desc" }, { id: "asc" }];
  return [{ identifiedOn: "desc" }, { id: "asc" }];
}

const ProblemPayload = builder.objectRef<{ id: string }>("ProblemPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    problem: t.prismaField({
      type: Problem,
      resolve: (query, payload, _args, ctx) => ctx.db.problem.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const CLOSING_NEEDS_ASSESSMENT = "is required to close a problem: say whether the responses worked";

const CreateProblemInput = builder.inputType("CreateProblemInput", {
  validate: z
    .looseObject({
      title: requiredText(200),
      scanning: requiredText(4000),
      analysis: analysisFields,
      assessment: optionalText(4000).nullish(),
    })
    .refine((input) => input.status !== "CLOSED" || Boolean(input.assessment), {
      path: ["assessment"],
      message: CLOSING_NEEDS_ASSESSMENT,
      when: () => true, // reported together with any other bad field
    }),
  fields: (t) => ({
    unitId: t.id({ required: true }),
    planId: t.id({ required: false, description: "Defaults to the unit's Community Policing Plan, if it has one." }),
    priorityId: t.id({ required: false, description: "A community priority of the same unit." }),
    title: t.string({ required: true }),
    scanning: t.string({ required: true }),
    analysis: t.field({ type: ProblemAnalysisInput, required: false }),
    assessment: t.string({ required: false }),
    status: t.field({ type: ProblemStatus, required: false, description: "Defaults to SCANNING." }),
    identifiedOn: t.field({ type: CalendarDate, required: false, description: "Defaults to today." }),
  }),
});

builder.mutationField("createProblem", (t) =>
  t.field({
    type: ProblemPayload,
    authScopes: { role: PROBLEM_CREATORS },
    args: { input: t.arg({ type: CreateProblemInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = idFromInput("OrgUnit", input.unitId, "input.unitId");
      const givenPlanId = optionalIdFromInput("Plan", input.planId, "input.planId");
      const priorityId = optionalIdFromInput("Priority", input.priorityId, "input.priorityId");
      await requireRows(ctx.db, { "input.unitId": ["orgUnit", unitId] });
      await assertCanRecordProblem(ctx, unitId);
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.planId": ["plan", givenPlanId], "input.priorityId": ["priority", priorityId] });
        await assertSameUnit(tx, unitId, { planId: givenPlanId, priorityId });
        const planId =
          givenPlanId ??
          (await tx.plan.findFirst({ where: { unitId, kind: DEFAULT_PLAN_KIND }, select: { id: true } }))?.id ??
          null;
        const row = await tx.problem.create({
          data: {
            agencyId: "",
            unitId,
            planId,
            priorityId: priorityId ?? null,
            title: input.title,
            scanning: input.scanning,
            ...analysisData(input.analysis),
            assessment: input.assessment ?? null,
            status: input.status ?? "SCANNING",
            ...(input.identifiedOn && { identifiedOn: input.identifiedOn }),
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "problem.create",
          entityType: "Problem",
          entityId: row.id,
          after: { title: row.title, status: row.status, unitId },
        });
        return { id: row.id };
      });
    },
  }),
);

const UpdateProblemInput = builder.inputType("UpdateProblemInput", {
  validate: z.looseObject({
    expectedVersion,
    title: requiredText(200).nullish(),
    scanning: requiredText(4000).nullish(),
    analysis: analysisFields,
    assessment: optionalText(4000).nullish(),
  }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    title: t.string({ required: false }),
    scanning: t.string({ required: false }),
    analysis: t.field({ type: ProblemAnalysisInput, required: false }),
    assessment: t.string({ required: false, description: "Required (here or already stored) to close the problem." }),
    status: t.field({ type: ProblemStatus, required: false, description: "Any stage; CLOSED needs an assessment." }),
    planId: t.id({ required: false, description: "Null detaches the problem from its plan." }),
    priorityId: t.id({ required: false, description: "Null detaches the problem from its priority." }),
    identifiedOn: t.field({ type: CalendarDate, required: false }),
  }),
});

builder.mutationField("updateProblem", (t) =>
  t.field({
    type: ProblemPayload,
    authScopes: { role: PROBLEM_EDITORS },
    args: { input: t.arg({ type: UpdateProblemInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Problem", input.id, "input.id");
      const planId = optionalIdFromInput("Plan", input.planId, "input.planId");
      const priorityId = optionalIdFromInput("Priority", input.priorityId, "input.priorityId");
      await assertCanEditProblem(ctx, id, "input.id");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.planId": ["plan", planId], "input.priorityId": ["priority", priorityId] });
        const current = await tx.problem.findUniqueOrThrow({
          where: { id },
          select: { unitId: true, status: true, assessment: true },
        });
        await assertSameUnit(tx, current.unitId, { planId, priorityId });
        const assessment = input.assessment !== undefined ? input.assessment : current.assessment;
        if ((input.status ?? current.status) === "CLOSED" && !assessment) {
          throw badUserInput([{ field: "input.assessment", message: CLOSING_NEEDS_ASSESSMENT }]);
        }
        const data = {
          ...(input.title != null && { title: input.title }),
          ...(input.scanning != null && { scanning: input.scanning }),
          ...analysisData(input.analysis),
          ...(input.assessment !== undefined && { assessment: input.assessment }),
          ...(input.status != null && { status: input.status }),
          ...(planId !== undefined && { planId }),
          ...(priorityId !== undefined && { priorityId }),
          ...(input.identifiedOn != null && { identifiedOn: input.identifiedOn }),
        };
        await updateVersioned(tx.problem, id, input.expectedVersion, data, "The problem");
        await recordAuditEvent(tx, ctx, {
          action: "problem.update",
          entityType: "Problem",
          entityId: id,
          before: { status: current.status },
          after: { status: input.status ?? current.status, fields: Object.keys(data) },
        });
        return { id };
      });
    },
  }),
);
