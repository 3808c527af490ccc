import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { assertCanEditUnit } from "../auth/unit-access.ts";
import { conflict } from "../errors.ts";
import { isUniqueViolation } from "./admin-unique-violation.ts";
import { builder } from "./builder.ts";
import { expectedVersion, requiredText } from "./inputs/text.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { assertCanEditPlan, PLAN_EDITORS } from "./plan-access.ts";
import { PlanRevision } from "./plan-revision.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";

// A unit's plan (CPP-05: each patrol station's Community Policing Plan), its dated revisions
// (plan-revision.ts) and the SARA problems it addresses (problem.ts).

/** The kind a plan has unless another is named: the policy's Community Policing Plan. */
export const DEFAULT_PLAN_KIND = "COMMUNITY_POLICING_PLAN";

/** Plan kinds are open-ended keys (profiles may add their own), written like enum values. */
const planKind = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{0,59}$/, "must be an upper-case key such as COMMUNITY_POLICING_PLAN");

const NEWEST_REVISION_FIRST = [{ periodStart: "desc" as const }, { id: "asc" as const }];

export const Plan = builder.prismaNode("Plan", {
  description: "A unit's plan of one kind, e.g. a patrol station's Community Policing Plan.",
  id: { field: "id" },
  // Columns are read as fields ask for them (select mode), not whole rows: dashboards list many.
  select: { id: true },
  authScopes: { member: true },
  fields: (t) => ({
    title: t.exposeString("title"),
    kind: t.exposeString("kind"),
    unit: t.relation("unit"),
    owner: t.relation("owner", { nullable: true, description: "Who answers for the plan: usually the unit's commander." }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    revisions: t.relatedConnection("revisions", {
      cursor: "id",
      totalCount: true,
      description: "The plan's revisions, newest period first.",
      query: { orderBy: NEWEST_REVISION_FIRST },
    }),
    latestRevision: t.field({
      type: PlanRevision,
      nullable: true,
      description: "The revision for the newest period, draft or submitted.",
      select: (_args, _ctx, nestedSelection) => ({
        revisions: nestedSelection({ take: 1, orderBy: NEWEST_REVISION_FIRST }),
      }),
      resolve: (plan) => plan.revisions[0] ?? null,
    }),
    problems: t.relatedConnection("problems", {
      cursor: "id",
      totalCount: true,
      description: "The problems the plan addresses, most recently identified first.",
      query: { orderBy: [{ identifiedOn: "desc" }, { id: "asc" }] },
    }),
  }),
});

builder.prismaObjectFields("OrgUnit", (t) => ({
  plan: t.field({
    type: Plan,
    nullable: true,
    description: "The unit's plan of this kind, if it has one.",
    args: { kind: t.arg.string({ required: false, defaultValue: DEFAULT_PLAN_KIND }) },
    select: (args, _ctx, nestedSelection) => ({
      plans: nestedSelection({ where: { kind: args.kind ?? DEFAULT_PLAN_KIND }, take: 1 }),
    }),
    resolve: (unit) => unit.plans[0] ?? null,
  }),
}));

const PlanFilter = builder.inputType("PlanFilter", {
  fields: (t) => ({
    unitId: t.id({ required: false, description: "Only this unit's plans." }),
    kind: t.string({ required: false }),
  }),
});

builder.queryField("plans", (t) =>
  t.prismaConnection({
    type: Plan,
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's plans, by unit name.",
    args: { filter: t.arg({ type: PlanFilter, required: false }) },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.plan.count({ where: planWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.plan.findMany({ ...query, where: planWhere(args.filter), orderBy: [{ unit: { name: "asc" } }, { kind: "asc" }] }),
      ),
  }),
);

function planWhere(filter: typeof PlanFilter.$inferInput | null | undefined): Prisma.PlanWhereInput {
  return {
    ...(filter?.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
    ...(filter?.kind ? { kind: filter.kind } : {}),
  };
}

const PlanPayload = builder.objectRef<{ id: string }>("PlanPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    plan: t.prismaField({
      type: Plan,
      resolve: (query, payload, _args, ctx) => ctx.db.plan.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const CreatePlanInput = builder.inputType("CreatePlanInput", {
  validate: z.looseObject({ title: requiredText(200), kind: planKind.nullish() }),
  fields: (t) => ({
    unitId: t.id({ required: true }),
    title: t.string({ required: true }),
    kind: t.string({ required: false, description: `Defaults to ${DEFAULT_PLAN_KIND}.` }),
  }),
});

builder.mutationField("createPlan", (t) =>
  t.field({
    type: PlanPayload,
    authScopes: { role: PLAN_EDITORS },
    description: "Starts a unit's plan; a unit has at most one plan of each kind. Its commander owns it.",
    args: { input: t.arg({ type: CreatePlanInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = idFromInput("OrgUnit", input.unitId, "input.unitId");
      const kind = input.kind ?? DEFAULT_PLAN_KIND;
      // Outside the transaction: these read through ctx.db (see plan-access.ts).
      await requireRows(ctx.db, { "input.unitId": ["orgUnit", unitId] });
      await assertCanEditUnit(ctx, unitId);
      return ctx.db.$transaction(async (tx) => {
        const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: unitId }, select: { name: true, commanderId: true } });
        // The check names the clash; the unique index still refuses a concurrent twin the same way.
        const duplicate = () => conflict(`input.unitId: ${unit.name} already has a ${kind} plan; edit that one instead.`);
        if (await tx.plan.findFirst({ where: { unitId, kind }, select: { id: true } })) throw duplicate();
        const row = await tx.plan
          .create({ data: { agencyId: "", unitId, kind, title: input.title, ownerId: unit.commanderId } })
          .catch((error: unknown) => {
            throw isUniqueViolation(error) ? duplicate() : error;
          });
        await recordAuditEvent(tx, ctx, {
          action: "plan.create",
          entityType: "Plan",
          entityId: row.id,
          after: { title: row.title, kind: row.kind, unitId },
        });
        return { id: row.id };
      });
    },
  }),
);

const UpdatePlanInput = builder.inputType("UpdatePlanInput", {
  validate: z.looseObject({ title: requiredText(200).nullish(), expectedVersion }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    title: t.string({ required: false }),
    ownerId: t.id({ required: false, description: "The member who answers for the plan; null clears it." }),
  }),
});

builder.mutationField("updatePlan", (t) =>
  t.field({
    type: PlanPayload,
    authScopes: { role: PLAN_EDITORS },
    args: { input: t.arg({ type: UpdatePlanInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Plan", input.id, "input.id");
      const ownerId = optionalIdFromInput("Member", input.ownerId, "input.ownerId");
      await assertCanEditPlan(ctx, id, "input.id");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.ownerId": ["member", ownerId] });
        const data = {
          ...(input.title != null && { title: input.title }),
          ...(ownerId !== undefined && { ownerId }),
        };
        const row = await updateVersioned(tx.plan, id, input.expectedVersion, data, "The plan");
        await recordAuditEvent(tx, ctx, {
          action: "plan.update",
          entityType: "Plan",
          entityId: id,
          after: { fields: Object.keys(data) },
        });
        return { id: row.id };
      });
    },
  }),
);
