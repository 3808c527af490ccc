import { prismaConnectionHelpers } from "@pothos/plugin-prisma";
import type { RoleName } from "../auth/roles.ts";
import { builder } from "./builder.ts";
import { Feedback } from "./feedback.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput, requireRows } from "./references.ts";
import "./priority-editing.ts";
import "./priority-ranking.ts";
import { nonEmptySelection } from "./non-empty-selection.ts";

/**
 * Who may rank a unit's priorities: a unit commander for the units they command (checked with
 * assertCanEditUnit), the Chief/Sheriff everywhere.
 */
export const PRIORITY_EDITORS: RoleName[] = ["UNIT_COMMANDER", "CHIEF"];

export const PriorityStatus = builder.enumType("PriorityStatus", {
  description: "ACTIVE priorities are ranked 1..n per unit; RETIRED ones keep their history.",
  values: ["ACTIVE", "RETIRED"] as const,
});

/** Priority.feedback walks the join rows to the feedback itself, planned in the same query. */
const backingFeedback = prismaConnectionHelpers(builder, "PriorityFeedback", {
  cursor: "id",
  select: (nodeSelection) => ({ feedback: nonEmptySelection(nodeSelection(true)) }),
  query: { orderBy: { feedback: { receivedAt: "desc" } } },
  resolveNode: (link) => link.feedback,
});

export const Priority = builder.prismaNode("Priority", {
  description: "A community priority of a unit, ranked, backed by the feedback that raised it (CPP-06, CPP-18).",
  id: { field: "id" },
  // Columns are read as fields ask for them (select mode), not whole rows: dashboards list many.
  select: { id: true },
  authScopes: { member: true },
  fields: (t) => ({
    unit: t.relation("unit"),
    title: t.exposeString("title"),
    description: t.exposeString("description", { nullable: true }),
    rank: t.exposeInt("rank", { description: "1 is the most important of the unit's ACTIVE priorities." }),
    status: t.expose("status", { type: PriorityStatus }),
    version: t.exposeInt("version"),
    feedbackCount: t.relationCount("feedback"),
    feedback: t.connection(
      {
        type: Feedback,
        description: "The feedback that backs this priority, newest first.",
        select: (args, ctx, nestedSelection) => ({
          _count: { select: { feedback: true } },
          feedback: backingFeedback.getQuery(args, ctx, nestedSelection),
        }),
        resolve: (priority, args, ctx) => ({
          ...backingFeedback.resolve(priority.feedback, args, ctx),
          totalCount: priority._count.feedback,
        }),
      },
      { fields: (connection) => ({ totalCount: connection.int({ resolve: (result) => result.totalCount }) }) },
    ),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

/** ACTIVE priorities first, in rank order; RETIRED ones after them. */
export const PRIORITY_ORDER = [{ status: "asc" as const }, { rank: "asc" as const }, { id: "asc" as const }];

builder.queryField("priorities", (t) =>
  t.prismaConnection({
    type: Priority,
    cursor: "id",
    authScopes: { member: true },
    description: "A unit's community priorities in rank order.",
    args: {
      unitId: t.arg.id({ required: true }),
      includeRetired: t.arg.boolean({ required: false, defaultValue: false }),
    },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () =>
        ctx.db.priority.count({ where: prioritiesWhere(idFromInput("OrgUnit", args.unitId, "unitId"), args.includeRetired) }),
      ),
    resolve: async (query, _root, args, ctx, info) => {
      const unitId = idFromInput("OrgUnit", args.unitId, "unitId");
      await requireRows(ctx.db, { unitId: ["orgUnit", unitId] });
      return readPage(
        info,
        query,
        ctx.db.priority.findMany({ ...query, where: prioritiesWhere(unitId, args.includeRetired), orderBy: PRIORITY_ORDER }),
      );
    },
  }),
);

const prioritiesWhere = (unitId: string, includeRetired: boolean | null | undefined) => ({
  unitId,
  ...(includeRetired ? {} : { status: "ACTIVE" as const }),
});

builder.prismaObjectField("OrgUnit", "priorities", (t) =>
  t.relation("priorities", {
    description: "The unit's community priorities in rank order (CPP-06).",
    args: { includeRetired: t.arg.boolean({ required: false, defaultValue: false }) },
    query: (args) => ({ where: args.includeRetired ? {} : { status: "ACTIVE" }, orderBy: PRIORITY_ORDER }),
  }),
);

/** What priority mutations answer: the priority, read again with whatever the client asked for. */
export const PriorityPayload = builder.objectRef<{ id: string }>("PriorityPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    priority: t.prismaField({
      type: Priority,
      resolve: (query, payload, _args, ctx) => ctx.db.priority.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});
