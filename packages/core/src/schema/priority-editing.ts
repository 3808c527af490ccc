import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Context } from "../context.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";
import { expectedVersion, optionalText, requiredText } from "./inputs/text.ts";
import { PRIORITY_EDITORS, PriorityPayload, PriorityStatus } from "./priority.ts";
import { assertCanEditPriority, assertCanRankUnit } from "./priority-access.ts";
import { activePriorities, rankInOrder } from "./priority-ranking.ts";
import { idFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";

const feedbackIdList = z.array(z.string()).max(100, "must list at most 100 feedback items");

/**
 * Feedback IDs from input, checked to be feedback of the caller's agency (NOT_FOUND naming
 * the entry otherwise, exactly as for feedback that never existed), without repeats.
 */
async function feedbackFromInput(db: object, globalIds: readonly (string | number)[], field: string): Promise<string[]> {
  const ids = globalIds.map((globalId, index) => idFromInput("Feedback", String(globalId), `${field}.${index}`));
  await requireRows(db, Object.fromEntries(ids.map((id, index) => [`${field}.${index}`, ["feedback", id]])));
  return [...new Set(ids)];
}

const CreatePriorityInput = builder.inputType("CreatePriorityInput", {
  validate: z.looseObject({
    title: requiredText(200),
    description: optionalText(4000).nullish(),
    rank: z.number().int().min(1, "must be 1 or more").nullish(),
    feedbackIds: feedbackIdList.nullish(),
  }),
  fields: (t) => ({
    unitId: t.id({ required: true }),
    title: t.string({ required: true }),
    description: t.string({ required: false }),
    rank: t.int({ required: false, description: "Where it goes among the unit's ACTIVE priorities; last if omitted." }),
    feedbackIds: t.idList({ required: false, description: "The feedback that raised it." }),
  }),
});

builder.mutationField("createPriority", (t) =>
  t.field({
    type: PriorityPayload,
    authScopes: { role: PRIORITY_EDITORS },
    description: "Adds a community priority to a unit, backed by the feedback that raised it.",
    args: { input: t.arg({ type: CreatePriorityInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = idFromInput("OrgUnit", input.unitId, "input.unitId");
      await assertCanRankUnit(ctx, unitId, "input.unitId");
      return ctx.db.$transaction(async (tx) => {
        const feedbackIds = await feedbackFromInput(tx, input.feedbackIds ?? [], "input.feedbackIds");
        const active = await activePriorities(tx, unitId);
        const rank = input.rank ?? active.length + 1;
        if (rank > active.length + 1)
          throw badUserInput([{ field: "input.rank", message: `must be between 1 and ${active.length + 1}` }]);
        await tx.priority.updateMany({
          where: { unitId, status: "ACTIVE", rank: { gte: rank } },
          data: { rank: { increment: 1 } },
        });
        const row = await tx.priority.create({
          data: { agencyId: "", unitId, title: input.title, description: input.description ?? null, rank },
        });
        await tx.priorityFeedback.createMany({
          data: feedbackIds.map((feedbackId) => ({ agencyId: "", priorityId: row.id, feedbackId })),
        });
        await recordAuditEvent(tx, ctx, {
          action: "priority.create",
          entityType: "Priority",
          entityId: row.id,
          after: { unitId, title: row.title, rank, feedback: feedbackIds.length },
        });
        return { id: row.id };
      });
    },
  }),
);

const UpdatePriorityInput = builder.inputType("UpdatePriorityInput", {
  validate: z.looseObject({ title: requiredText(200).nullish(), description: optionalText(4000).nullish(), expectedVersion }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    title: t.string({ required: false }),
    description: t.string({ required: false }),
    status: t.field({
      type: PriorityStatus,
      required: false,
      description: "RETIRED leaves the ranking (the others close up); ACTIVE again joins it last.",
    }),
  }),
});

builder.mutationField("updatePriority", (t) =>
  t.field({
    type: PriorityPayload,
    authScopes: { role: PRIORITY_EDITORS },
    args: { input: t.arg({ type: UpdatePriorityInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Priority", input.id, "input.id");
      await assertCanEditPriority(ctx, id, "input.id");
      return ctx.db.$transaction(async (tx) => {
        const current = await tx.priority.findUniqueOrThrow({ where: { id }, select: { unitId: true, status: true } });
        const reactivated = input.status === "ACTIVE" && current.status === "RETIRED";
        const data = {
          ...(input.title != null && { title: input.title }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.status != null && { status: input.status }),
          ...(reactivated && { rank: (await activePriorities(tx, current.unitId)).length + 1 }),
        };
        const row = await updateVersioned(tx.priority, id, input.expectedVersion, data, "The priority");
        if (row.status === "RETIRED" && current.status === "ACTIVE")
          await rankInOrder(tx, await activePriorities(tx, row.unitId));
        await recordAuditEvent(tx, ctx, {
          action: "priority.update",
          entityType: "Priority",
          entityId: id,
          before: { status: current.status },
          after: { status: row.status, fields: Object.keys(data) },
        });
        return { id };
      });
    },
  }),
);

const PriorityFeedbackInput = builder.inputType("PriorityFeedbackInput", {
  validate: z.looseObject({ feedbackIds: feedbackIdList.min(1, "must list at least one feedback item") }),
  fields: (t) => ({
    priorityId: t.id({ required: true }),
    feedbackIds: t.idList({ required: true }),
  }),
});

builder.mutationField("linkFeedbackToPriority", (t) =>
  t.field({
    type: PriorityPayload,
    authScopes: { role: PRIORITY_EDITORS },
    description: "Adds feedback that backs a priority; feedback already linked stays as it is.",
    args: { input: t.arg({ type: PriorityFeedbackInput, required: true }) },
    resolve: (_root, { input }, ctx) => changeBacking(ctx, input, "link"),
  }),
);

builder.mutationField("unlinkFeedbackFromPriority", (t) =>
  t.field({
    type: PriorityPayload,
    authScopes: { role: PRIORITY_EDITORS },
    description: "Removes feedback from a priority's backing; the feedback itself stays.",
    args: { input: t.arg({ type: PriorityFeedbackInput, required: true }) },
    resolve: (_root, { input }, ctx) => changeBacking(ctx, input, "unlink"),
  }),
);

async function changeBacking(
  ctx: Context,
  input: typeof PriorityFeedbackInput.$inferInput,
  change: "link" | "unlink",
): Promise<{ id: string }> {
  const priorityId = idFromInput("Priority", input.priorityId, "input.priorityId");
  await assertCanEditPriority(ctx, priorityId, "input.priorityId");
  return ctx.db.$transaction(async (tx) => {
    const feedbackIds = await feedbackFromInput(tx, input.feedbackIds, "input.feedbackIds");
    if (change === "link") {
      const data = feedbackIds.map((feedbackId) => ({ agencyId: "", priorityId, feedbackId }));
      await tx.priorityFeedback.createMany({ data, skipDuplicates: true });
    } else {
      await tx.priorityFeedback.deleteMany({ where: { priorityId, feedbackId: { in: feedbackIds } } });
    }
    await recordAuditEvent(tx, ctx, {
      action: `priority.${change}-feedback`,
      entityType: "Priority",
      entityId: priorityId,
      after: { feedbackIds },
    });
    return { id: priorityId };
  });
}
