import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { badUserInput, type FieldProblem } from "../errors.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { builder } from "./builder.ts";
import { decodeIdOf } from "./global-id.ts";
import { PRIORITY_EDITORS, PRIORITY_ORDER, Priority } from "./priority.ts";
import { assertCanRankUnit } from "./priority-access.ts";
import { idFromInput } from "./references.ts";

type PriorityDb = Pick<TenantDb, "priority">;

/**
 * A unit's ACTIVE priorities in rank order. Ranks belong to the unit's list, not to one
 * priority's document, so changing them does not bump any priority's version.
 */
export function activePriorities(db: PriorityDb, unitId: string) {
  return db.priority.findMany({
    where: { unitId, status: "ACTIVE" },
    orderBy: [{ rank: "asc" }, { updatedAt: "desc" }, { id: "asc" }],
    select: { id: true, title: true, rank: true },
  });
}

/** Gives the unit's ACTIVE priorities the ranks 1..n in the order given, writing only what moved. */
export async function rankInOrder(db: PriorityDb, ordered: { id: string; rank: number }[]): Promise<void> {
  for (const [index, priority] of ordered.entries()) {
    if (priority.rank !== index + 1) await db.priority.update({ where: { id: priority.id }, data: { rank: index + 1 } });
  }
}

const ReorderPrioritiesInput = builder.inputType("ReorderPrioritiesInput", {
  validate: z.looseObject({ priorityIds: z.array(z.string()).max(100, "must list at most 100 priorities") }),
  fields: (t) => ({
    unitId: t.id({ required: true }),
    priorityIds: t.idList({
      required: true,
      description: "Every ACTIVE priority of the unit, exactly once, most important first.",
    }),
  }),
});

const ReorderPrioritiesPayload = builder.objectRef<{ unitId: string }>("ReorderPrioritiesPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    priorities: t.prismaField({
      type: [Priority],
      description: "The unit's ACTIVE priorities in their new order.",
      resolve: (query, payload, _args, ctx) =>
        ctx.db.priority.findMany({ ...query, where: { unitId: payload.unitId, status: "ACTIVE" }, orderBy: PRIORITY_ORDER }),
    }),
  }),
});

builder.mutationField("reorderPriorities", (t) =>
  t.field({
    type: ReorderPrioritiesPayload,
    authScopes: { role: PRIORITY_EDITORS },
    description: "Ranks a unit's ACTIVE priorities 1..n in the order given.",
    args: { input: t.arg({ type: ReorderPrioritiesInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = idFromInput("OrgUnit", input.unitId, "input.unitId");
      await assertCanRankUnit(ctx, unitId, "input.unitId");
      return ctx.db.$transaction(async (tx) => {
        const current = await activePriorities(tx, unitId);
        const byId = new Map(current.map((priority) => [priority.id, priority]));
        const listed = new Set<string>();
        const problems: FieldProblem[] = [];
        input.priorityIds.forEach((globalId, index) => {
          const id = decodeIdOf("Priority", String(globalId)) ?? "";
          // Another unit's, another agency's or a retired priority reads like one that never existed.
          if (!byId.has(id))
            problems.push({ field: `input.priorityIds.${index}`, message: "is not an ACTIVE priority of this unit" });
          else if (listed.has(id)) problems.push({ field: `input.priorityIds.${index}`, message: "is listed twice" });
          listed.add(id);
        });
        const missing = current.filter((priority) => !listed.has(priority.id));
        if (missing.length) {
          const titles = missing.map((priority) => `"${priority.title}"`).join(", ");
          problems.push({
            field: "input.priorityIds",
            message: `must list every ACTIVE priority of the unit; missing ${titles}`,
          });
        }
        if (problems.length) throw badUserInput(problems);
        const ordered = [...listed].map((id) => byId.get(id)!);
        await rankInOrder(tx, ordered);
        await recordAuditEvent(tx, ctx, {
          action: "priority.reorder",
          entityType: "OrgUnit",
          entityId: unitId,
          before: { order: current.map((priority) => priority.id) },
          after: { order: ordered.map((priority) => priority.id) },
        });
        return { unitId };
      });
    },
  }),
);
