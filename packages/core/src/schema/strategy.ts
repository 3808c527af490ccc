import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { RoleName } from "../auth/roles.ts";
import type { Context } from "../context.ts";
import { DEFAULT_STRATEGY_CATEGORIES, type TaxonomyTerm } from "../domain/strategy-categories.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";
import { expectedVersion, optionalText, requiredText } from "./inputs/text.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { CalendarDate } from "./trend-calendar-date.ts";
import { updateVersioned } from "./versioned-update.ts";

/** Who documents the agency's strategies and programs (CE-05: the designated coordinator). */
export const STRATEGY_EDITORS: RoleName[] = ["COORDINATOR", "CHIEF", "AGENCY_ADMIN"];

export const StrategyStatus = builder.enumType("StrategyStatus", {
  values: ["PLANNED", "ACTIVE", "PAUSED", "COMPLETED"] as const,
});

const TaxonomyTermRef = builder.objectRef<TaxonomyTerm>("TaxonomyTerm").implement({
  description: "One category of a taxonomy, such as the kinds of engagement strategy.",
  authScopes: { member: true },
  fields: (t) => ({
    key: t.exposeString("key", { description: "What inputs and filters use, e.g. `youth-programs`." }),
    label: t.exposeString("label"),
    description: t.string({ nullable: true, resolve: (term) => term.description ?? null }),
  }),
});

/**
 * The agency's strategy taxonomy: the core categories, then the ones its enabled policy
 * profiles add (a profile cannot redefine a core key).
 */
export async function strategyCategoriesOf(ctx: Context): Promise<TaxonomyTerm[]> {
  const terms = new Map(DEFAULT_STRATEGY_CATEGORIES.map((term) => [term.key, term]));
  for (const { profile } of await ctx.profiles.list()) {
    for (const term of profile.taxonomies?.strategyCategories ?? []) {
      if (!terms.has(term.key)) terms.set(term.key, term);
    }
  }
  return [...terms.values()];
}

export const EngagementStrategy = builder.prismaNode("EngagementStrategy", {
  description: "A strategy or program the agency runs to engage the community (CE-03, CE-04).",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    title: t.exposeString("title"),
    category: t.exposeString("category", { description: "A key of `strategyCategories`." }),
    description: t.exposeString("description", { nullable: true }),
    goals: t.exposeStringList("goals"),
    status: t.expose("status", { type: StrategyStatus }),
    owner: t.relation("owner", { nullable: true, description: "The member who develops and documents it (CE-05)." }),
    unit: t.relation("unit", { nullable: true }),
    startsOn: t.expose("startsOn", { type: CalendarDate, nullable: true }),
    endsOn: t.expose("endsOn", { type: CalendarDate, nullable: true }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    activities: t.relatedConnection("activities", {
      cursor: "id",
      totalCount: true,
      description: "Activities held under this strategy, newest first.",
      query: { orderBy: [{ startsAt: "desc" }, { id: "desc" }] },
    }),
  }),
});

builder.queryField("strategyCategories", (t) =>
  t.field({
    type: [TaxonomyTermRef],
    authScopes: { member: true },
    description: "The categories a strategy may have in your agency.",
    resolve: (_root, _args, ctx) => strategyCategoriesOf(ctx),
  }),
);

const StrategyOrder = builder.enumType("StrategyOrder", { values: ["TITLE", "STARTS_ON_DESC", "RECENTLY_UPDATED"] as const });

const StrategyFilter = builder.inputType("StrategyFilter", {
  fields: (t) => ({
    category: t.string({ required: false, description: "A key of `strategyCategories`." }),
    status: t.field({ type: StrategyStatus, required: false }),
    unitId: t.id({ required: false }),
    ownerId: t.id({ required: false }),
  }),
});

builder.queryField("strategies", (t) =>
  t.prismaConnection({
    type: EngagementStrategy,
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's engagement strategies and programs.",
    args: {
      filter: t.arg({ type: StrategyFilter, required: false }),
      orderBy: t.arg({ type: StrategyOrder, required: false, defaultValue: "TITLE" }),
    },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.engagementStrategy.count({ where: strategyWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.engagementStrategy.findMany({ ...query, where: strategyWhere(args.filter), orderBy: strategyOrder(args.orderBy) }),
      ),
  }),
);

function strategyWhere(filter: typeof StrategyFilter.$inferInput | null | undefined): Prisma.EngagementStrategyWhereInput {
  return {
    ...(filter?.category ? { category: filter.category } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
    ...(filter?.ownerId ? { ownerId: idFromInput("Member", filter.ownerId, "filter.ownerId") } : {}),
  };
}

function strategyOrder(order: string | null | undefined): Prisma.EngagementStrategyOrderByWithRelationInput[] {
  if (order === "RECENTLY_UPDATED") return [{ updatedAt: "desc" }, { id: "asc" }];
  if (order === "STARTS_ON_DESC") return [{ startsOn: { sort: "desc", nulls: "last" } }, { title: "asc" }, { id: "asc" }];
  return [{ title: "asc" }, { id: "asc" }];
}

const StrategyPayload = builder.objectRef<{ id: string }>("StrategyPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    strategy: t.prismaField({
      type: EngagementStrategy,
      resolve: (query, payload, _args, ctx) =>
        ctx.db.engagementStrategy.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

/** An end day before the start day, named on `endsOn`. */
function endsBeforeStart(startsOn: Date | null | undefined, endsOn: Date | null | undefined): boolean {
  return Boolean(startsOn && endsOn && endsOn < startsOn);
}

const END_BEFORE_START = "must not be before startsOn";

/** Checked as a whole so that every bad field is reported at once; the category needs the agency, so the resolver checks it. */
const strategyFields = {
  title: requiredText(200),
  description: optionalText(4000).nullish(),
  goals: z.array(requiredText(500)).max(20, "must list at most 20 goals").nullish(),
};

function datesInOrder(input: Record<string, unknown>, check: z.RefinementCtx): void {
  if (endsBeforeStart(input.startsOn as Date | null, input.endsOn as Date | null)) {
    check.addIssue({ code: "custom", path: ["endsOn"], message: END_BEFORE_START });
  }
}

const CreateStrategyInput = builder.inputType("CreateStrategyInput", {
  validate: z.looseObject(strategyFields).superRefine(datesInOrder),
  fields: (t) => ({
    title: t.string({ required: true }),
    category: t.string({ required: true, description: "A key of `strategyCategories`." }),
    description: t.string({ required: false }),
    goals: t.stringList({ required: false }),
    status: t.field({ type: StrategyStatus, required: false, description: "ACTIVE unless given." }),
    ownerId: t.id({ required: false, description: "Defaults to you." }),
    unitId: t.id({ required: false }),
    startsOn: t.field({ type: CalendarDate, required: false }),
    endsOn: t.field({ type: CalendarDate, required: false }),
  }),
});

/** Refuses a category outside the agency's taxonomy, listing the keys it allows. */
async function assertKnownCategory(ctx: Context, category: string | null | undefined): Promise<void> {
  if (category == null) return;
  const keys = (await strategyCategoriesOf(ctx)).map((term) => term.key);
  if (!keys.includes(category)) {
    throw badUserInput([{ field: "input.category", message: `must be one of ${keys.join(", ")}` }]);
  }
}

builder.mutationField("createStrategy", (t) =>
  t.field({
    type: StrategyPayload,
    authScopes: { role: STRATEGY_EDITORS },
    args: { input: t.arg({ type: CreateStrategyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await assertKnownCategory(ctx, input.category);
      const caller = ctx.principal.kind === "member" ? ctx.principal.memberId : null;
      const ownerId = input.ownerId === undefined ? caller : optionalIdFromInput("Member", input.ownerId, "input.ownerId");
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.ownerId": ["member", ownerId], "input.unitId": ["orgUnit", unitId] });
        const row = await tx.engagementStrategy.create({
          data: {
            agencyId: "",
            title: input.title,
            category: input.category,
            description: input.description ?? null,
            goals: input.goals ?? [],
            status: input.status ?? "ACTIVE",
            ownerId: ownerId ?? null,
            unitId: unitId ?? null,
            startsOn: input.startsOn ?? null,
            endsOn: input.endsOn ?? null,
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "strategy.create",
          entityType: "EngagementStrategy",
          entityId: row.id,
          after: { title: row.title, category: row.category, status: row.status },
        });
        return { id: row.id };
      });
    },
  }),
);

const UpdateStrategyInput = builder.inputType("UpdateStrategyInput", {
  validate: z
    .looseObject({ ...strategyFields, title: strategyFields.title.nullish(), expectedVersion })
    .superRefine(datesInOrder),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    title: t.string({ required: false }),
    category: t.string({ required: false }),
    description: t.string({ required: false }),
    goals: t.stringList({ required: false }),
    status: t.field({ type: StrategyStatus, required: false }),
    ownerId: t.id({ required: false, description: "Null clears the owner." }),
    unitId: t.id({ required: false, description: "Null clears the unit." }),
    startsOn: t.field({ type: CalendarDate, required: false }),
    endsOn: t.field({ type: CalendarDate, required: false }),
  }),
});

builder.mutationField("updateStrategy", (t) =>
  t.field({
    type: StrategyPayload,
    authScopes: { role: STRATEGY_EDITORS },
    args: { input: t.arg({ type: UpdateStrategyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("EngagementStrategy", input.id, "input.id");
      const ownerId = optionalIdFromInput("Member", input.ownerId, "input.ownerId");
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      await assertKnownCategory(ctx, input.category);
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, {
          "input.id": ["engagementStrategy", id],
          "input.ownerId": ["member", ownerId],
          "input.unitId": ["orgUnit", unitId],
        });
        const current = await tx.engagementStrategy.findUniqueOrThrow({ where: { id } });
        // Only one end of the period may be sent: it must still fit the stored other end.
        const startsOn = input.startsOn === undefined ? current.startsOn : input.startsOn;
        const endsOn = input.endsOn === undefined ? current.endsOn : input.endsOn;
        if (endsBeforeStart(startsOn, endsOn)) throw badUserInput([{ field: "input.endsOn", message: END_BEFORE_START }]);
        const data = {
          ...(input.title != null && { title: input.title }),
          ...(input.category != null && { category: input.category }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.goals != null && { goals: input.goals }),
          ...(input.status != null && { status: input.status }),
          ...(ownerId !== undefined && { ownerId }),
          ...(unitId !== undefined && { unitId }),
          ...(input.startsOn !== undefined && { startsOn: input.startsOn }),
          ...(input.endsOn !== undefined && { endsOn: input.endsOn }),
        };
        const row = await updateVersioned(tx.engagementStrategy, id, input.expectedVersion, data, "The strategy");
        await recordAuditEvent(tx, ctx, {
          action: "strategy.update",
          entityType: "EngagementStrategy",
          entityId: id,
          before: { status: current.status, category: current.category },
          after: { fields: Object.keys(data), status: row.status, category: row.category },
        });
        return { id: row.id };
      });
    },
  }),
);
