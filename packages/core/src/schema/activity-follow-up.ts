import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { assertCanEditActivity } from "./activity-access.ts";
import { builder } from "./builder.ts";
import { requiredText } from "./inputs/text.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { CalendarDate } from "./trend-calendar-date.ts";

// What an activity left to do: a promise made at a meeting, a question to answer, someone to call back.

const ActivityFollowUp = builder.prismaNode("ActivityFollowUp", {
  description: "Something to do after an activity, with who does it and by when.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    description: t.exposeString("description"),
    owner: t.relation("owner", { nullable: true }),
    dueOn: t.expose("dueOn", { type: CalendarDate, nullable: true }),
    done: t.boolean({ resolve: (followUp) => followUp.doneAt !== null }),
    doneAt: t.expose("doneAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    activity: t.relation("activity"),
  }),
});

const ActivityFollowUpPayload = builder.objectRef<{ id: string }>("ActivityFollowUpPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    followUp: t.prismaField({
      type: ActivityFollowUp,
      resolve: (query, payload, _args, ctx) => ctx.db.activityFollowUp.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const AddActivityFollowUpInput = builder.inputType("AddActivityFollowUpInput", {
  validate: z.looseObject({ description: requiredText(2000) }),
  fields: (t) => ({
    activityId: t.id({ required: true }),
    description: t.string({ required: true }),
    ownerId: t.id({ required: false, description: "The member who does it." }),
    dueOn: t.field({ type: CalendarDate, required: false }),
  }),
});

builder.mutationField("addActivityFollowUp", (t) =>
  t.field({
    type: ActivityFollowUpPayload,
    authScopes: { member: true },
    args: { input: t.arg({ type: AddActivityFollowUpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const activityId = idFromInput("Activity", input.activityId, "input.activityId");
      const ownerId = optionalIdFromInput("Member", input.ownerId, "input.ownerId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.activityId": ["activity", activityId], "input.ownerId": ["member", ownerId] });
        const activity = await tx.activity.findUniqueOrThrow({ where: { id: activityId }, select: { unitId: true } });
        await assertCanEditActivity(tx, ctx, [activity.unitId]);
        const row = await tx.activityFollowUp.create({
          data: {
            agencyId: "",
            activityId,
            description: input.description,
            ownerId: ownerId ?? null,
            dueOn: input.dueOn ?? null,
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "activity-follow-up.create",
          entityType: "ActivityFollowUp",
          entityId: row.id,
          after: { activityId, dueOn: input.dueOn?.toISOString().slice(0, 10) ?? null },
        });
        return { id: row.id };
      });
    },
  }),
);

builder.mutationField("completeActivityFollowUp", (t) =>
  t.field({
    type: ActivityFollowUpPayload,
    description: "Marks a follow-up done; completing it again keeps the first completion time.",
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = idFromInput("ActivityFollowUp", args.id, "id");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { id: ["activityFollowUp", id] });
        const followUp = await tx.activityFollowUp.findUniqueOrThrow({
          where: { id },
          select: { doneAt: true, ownerId: true, activity: { select: { unitId: true } } },
        });
        // The follow-up's owner may close it even when the activity belongs to another unit.
        const isOwner = ctx.principal.kind === "member" && followUp.ownerId === ctx.principal.memberId;
        if (!isOwner) await assertCanEditActivity(tx, ctx, [followUp.activity.unitId]);
        if (followUp.doneAt === null) {
          await tx.activityFollowUp.update({ where: { id }, data: { doneAt: new Date() } });
          await recordAuditEvent(tx, ctx, {
            action: "activity-follow-up.complete",
            entityType: "ActivityFollowUp",
            entityId: id,
          });
        }
        return { id };
      });
    },
  }),
);
