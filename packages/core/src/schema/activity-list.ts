import { prismaConnectionHelpers } from "@pothos/plugin-prisma";
import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { Activity, ActivityKind } from "./activity-node.ts";
import { builder } from "./builder.ts";
import { nonEmptySelection } from "./non-empty-selection.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput } from "./references.ts";

/** A language request nobody interpreted: no member, no volunteer. */
const UNMET_REQUEST = { interpreterMemberId: null, volunteerName: null } satisfies Prisma.LanguageRequestWhereInput;

const ActivityOrder = builder.enumType("ActivityOrder", {
  values: ["STARTS_AT_DESC", "STARTS_AT_ASC", "RECENTLY_UPDATED"] as const,
});

const ActivityFilter = builder.inputType("ActivityFilter", {
  validate: z.looseObject({}).superRefine((filter, check) => {
    if (filter.from instanceof Date && filter.to instanceof Date && filter.to <= filter.from) {
      check.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    }
  }),
  fields: (t) => ({
    unitId: t.id({ required: false }),
    strategyId: t.id({ required: false }),
    kinds: t.field({ type: [ActivityKind], required: false }),
    from: t.field({ type: "DateTime", required: false, description: "Activities starting at or after this instant." }),
    to: t.field({ type: "DateTime", required: false, description: "Activities starting before this instant." }),
    stakeholderId: t.id({ required: false, description: "Only activities this stakeholder took part in." }),
    departmentSponsored: t.boolean({ required: false }),
    unmetLanguageRequests: t.boolean({
      required: false,
      description: "True: activities where a language was asked for and nobody interpreted (CPP-04); false: none such.",
    }),
  }),
});

function activityWhere(filter: typeof ActivityFilter.$inferInput | null | undefined): Prisma.ActivityWhereInput {
  if (!filter) return {};
  const startsAt = { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) };
  return {
    ...(filter.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
    ...(filter.strategyId ? { strategyId: idFromInput("EngagementStrategy", filter.strategyId, "filter.strategyId") } : {}),
    ...(filter.kinds?.length ? { kind: { in: filter.kinds } } : {}),
    ...(filter.from || filter.to ? { startsAt } : {}),
    ...(filter.stakeholderId
      ? { stakeholders: { some: { stakeholderId: idFromInput("Stakeholder", filter.stakeholderId, "filter.stakeholderId") } } }
      : {}),
    ...(filter.departmentSponsored != null ? { departmentSponsored: filter.departmentSponsored } : {}),
    ...(filter.unmetLanguageRequests === true ? { languageRequests: { some: UNMET_REQUEST } } : {}),
    ...(filter.unmetLanguageRequests === false ? { languageRequests: { none: UNMET_REQUEST } } : {}),
  };
}

const NEWEST_FIRST: Prisma.ActivityOrderByWithRelationInput[] = [{ startsAt: "desc" }, { id: "desc" }];

function activityOrder(order: string | null | undefined): Prisma.ActivityOrderByWithRelationInput[] {
  if (order === "STARTS_AT_ASC") return [{ startsAt: "asc" }, { id: "asc" }];
  if (order === "RECENTLY_UPDATED") return [{ updatedAt: "desc" }, { id: "desc" }];
  return NEWEST_FIRST;
}

builder.queryField("activities", (t) =>
  t.prismaConnection({
    type: Activity,
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's activities, newest first unless ordered otherwise.",
    args: {
      filter: t.arg({ type: ActivityFilter, required: false }),
      orderBy: t.arg({ type: ActivityOrder, required: false, defaultValue: "STARTS_AT_DESC" }),
    },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.activity.count({ where: activityWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.activity.findMany({ ...query, where: activityWhere(args.filter), orderBy: activityOrder(args.orderBy) }),
      ),
  }),
);

// Histories page through the join rows, newest activity first, so Pothos loads them with the
// parent list (one query per level, however many stakeholders or members are on the page).

/** Newest activity first, ties broken by the link; the helper's type takes one key, Prisma takes the list. */
const newestLinkFirst = <OrderBy>() => [{ activity: { startsAt: "desc" } }, { id: "desc" }] as unknown as OrderBy;

const stakeholderActivities = prismaConnectionHelpers(builder, "ActivityStakeholder", {
  cursor: "id",
  query: { orderBy: newestLinkFirst<Prisma.ActivityStakeholderOrderByWithRelationInput>() },
  select: (nodeSelection) => ({ activity: nonEmptySelection(nodeSelection(true)) }),
  resolveNode: (link) => link.activity,
});

builder.prismaObjectField("Stakeholder", "engagementHistory", (t) =>
  t.connection(
    {
      type: Activity,
      authScopes: { member: true },
      description: "The activities this stakeholder took part in, newest first (CPP-02).",
      select: (args, ctx, nestedSelection) => ({
        _count: { select: { activities: true } },
        activities: stakeholderActivities.getQuery(args, ctx, nestedSelection),
      }),
      resolve: (stakeholder, args, ctx) => ({
        ...stakeholderActivities.resolve(stakeholder.activities, args, ctx),
        totalCount: stakeholder._count.activities,
      }),
    },
    { fields: (connection) => ({ totalCount: connection.int({ resolve: (page) => page.totalCount }) }) },
  ),
);

const memberActivities = prismaConnectionHelpers(builder, "ActivityParticipant", {
  cursor: "id",
  query: { orderBy: newestLinkFirst<Prisma.ActivityParticipantOrderByWithRelationInput>() },
  select: (nodeSelection) => ({ activity: nonEmptySelection(nodeSelection(true)) }),
  resolveNode: (link) => link.activity,
});

builder.prismaObjectField("Member", "participations", (t) =>
  t.connection(
    {
      type: Activity,
      authScopes: { member: true },
      description: "The activities this member took part in, newest first (CPP-08).",
      select: (args, ctx, nestedSelection) => ({
        _count: { select: { participations: true } },
        participations: memberActivities.getQuery(args, ctx, nestedSelection),
      }),
      resolve: (member, args, ctx) => ({
        ...memberActivities.resolve(member.participations, args, ctx),
        totalCount: member._count.participations,
      }),
    },
    { fields: (connection) => ({ totalCount: connection.int({ resolve: (page) => page.totalCount }) }) },
  ),
);
