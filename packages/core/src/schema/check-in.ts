import { z } from "zod";
import { lockAgencyRow } from "../audit/lock-agency-row.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Context } from "../context.ts";
import { badUserInput, conflict, forbidden } from "../errors.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { Activity } from "./activity-node.ts";
import { builder } from "./builder.ts";
import { checkInCodeMatches, generateCheckInCode } from "./check-in-code.ts";
import { CHECK_IN_CODE_KEEPERS, CHECK_IN_EVENT } from "./check-in-live.ts";
import { decodeIdOf } from "./global-id.ts";
import { optionalText } from "./inputs/text.ts";
import { idFromInput, requireRows } from "./references.ts";

/** Every refusal on the public path reads the same: no oracle for which activities or agencies exist. */
const WRONG_CODE = "input.code: the check-in code does not match this activity";

const CheckInPayload = builder
  .objectRef<{ activityId: string; attendance: number; checkedInAt: Date }>("CheckInPayload")
  .implement({
    description: "You are checked in.",
    authScopes: { public: true },
    fields: (t) => ({
      attendance: t.exposeInt("attendance", { description: "How many have checked in so far, you included." }),
      checkedInAt: t.expose("checkedInAt", { type: "DateTime" }),
      activity: t.prismaField({
        type: Activity,
        nullable: true,
        authScopes: { member: true },
        description: "The activity (members of its agency only).",
        resolve: (query, payload, _args, ctx) => ctx.db.activity.findUnique({ ...query, where: { id: payload.activityId } }),
      }),
    }),
  });

const CheckInInput = builder.inputType("CheckInToActivityInput", {
  validate: z.looseObject({
    code: optionalText(40).nullish(),
    agencySlug: optionalText(100).nullish(),
    attendeeName: optionalText(200).nullish(),
  }),
  fields: (t) => ({
    activityId: t.id({ required: true }),
    agencySlug: t.string({ required: false, description: "The activity's agency; required without a token." }),
    code: t.string({ required: false, description: "The activity's check-in code; required without a token." }),
    attendeeName: t.string({ required: false, description: "Optional; personal data, shown to the agency's staff only." }),
  }),
});

builder.mutationField("checkInToActivity", (t) =>
  t.field({
    type: CheckInPayload,
    authScopes: { public: true },
    description:
      "Checks in at an activity: a member of its agency with their token (recorded as that member), or anyone with the activity's check-in code and the agency's slug. Attendance subscribers see it live.",
    args: { input: t.arg({ type: CheckInInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      if (ctx.principal.kind === "member") {
        const activityId = idFromInput("Activity", input.activityId, "input.activityId");
        return checkIn(ctx.db, ctx, { activityId, memberId: ctx.principal.memberId, attendeeName: input.attendeeName });
      }
      if (!input.agencySlug || !input.code) {
        throw badUserInput([
          ...(input.agencySlug ? [] : [{ field: "input.agencySlug", message: "is required without a token" }]),
          ...(input.code ? [] : [{ field: "input.code", message: "is required without a token" }]),
        ]);
      }
      const activityId = decodeIdOf("Activity", input.activityId);
      const scope = await ctx.scopeBySlug(input.agencySlug);
      const activity =
        scope && activityId
          ? await scope.db.activity.findUnique({ where: { id: activityId }, select: { checkInCode: true } })
          : null;
      // Compared even when nothing was found, so timing does not tell the cases apart.
      const matches = checkInCodeMatches(activity?.checkInCode ?? null, input.code);
      if (!scope || !activityId || !activity || !matches) throw forbidden(WRONG_CODE);
      return checkIn(scope.db, ctx, { activityId, memberId: null, attendeeName: input.attendeeName });
    },
  }),
);

async function checkIn(
  db: TenantDb,
  ctx: Context,
  entry: { activityId: string; memberId: string | null; attendeeName: string | null | undefined },
) {
  return db.$transaction(async (tx) => {
    await requireRows(tx, { "input.activityId": ["activity", entry.activityId] });
    if (entry.memberId) {
      // No unique index says "once per member", so a member's concurrent check-ins are
      // serialised on the agency row and each sees the one before it.
      await lockAgencyRow(tx);
      const earlier = await tx.activityCheckIn.findFirst({
        where: { activityId: entry.activityId, memberId: entry.memberId },
        select: { id: true },
      });
      if (earlier) throw conflict("input.activityId: you have already checked in at this activity");
    }
    const row = await tx.activityCheckIn.create({
      data: {
        agencyId: "",
        activityId: entry.activityId,
        memberId: entry.memberId,
        attendeeName: entry.attendeeName?.trim() || null,
      },
    });
    // The activity is the event's entity, so attendance subscribers can follow it; the
    // attendee's name stays out of the audit trail (personal data).
    await recordAuditEvent(tx, ctx, {
      action: CHECK_IN_EVENT,
      entityType: "Activity",
      entityId: entry.activityId,
      after: { checkInId: row.id, by: entry.memberId ? "member" : "code" },
    });
    const attendance = await tx.activityCheckIn.count({ where: { activityId: entry.activityId } });
    return { activityId: entry.activityId, attendance, checkedInAt: row.checkedInAt };
  });
}

const CheckInCodePayload = builder.objectRef<{ activityId: string; code: string }>("CheckInCodePayload").implement({
  authScopes: { role: [...CHECK_IN_CODE_KEEPERS] },
  fields: (t) => ({
    code: t.exposeString("code", { description: "Show it at the meeting; it replaces any earlier code." }),
    activity: t.prismaField({
      type: Activity,
      resolve: (query, payload, _args, ctx) => ctx.db.activity.findUniqueOrThrow({ ...query, where: { id: payload.activityId } }),
    }),
  }),
});

const SetCheckInCodeInput = builder.inputType("SetActivityCheckInCodeInput", {
  fields: (t) => ({ activityId: t.id({ required: true }) }),
});

builder.mutationField("setActivityCheckInCode", (t) =>
  t.field({
    type: CheckInCodePayload,
    authScopes: { role: [...CHECK_IN_CODE_KEEPERS] },
    description: "Generates a new short random check-in code for an activity (the earlier one stops working).",
    args: { input: t.arg({ type: SetCheckInCodeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const activityId = idFromInput("Activity", input.activityId, "input.activityId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.activityId": ["activity", activityId] });
        const code = generateCheckInCode();
        await tx.activity.update({ where: { id: activityId }, data: { checkInCode: code } });
        // The code itself is a credential: never in the audit trail.
        await recordAuditEvent(tx, ctx, { action: "activity.set-check-in-code", entityType: "Activity", entityId: activityId });
        return { activityId, code };
      });
    },
  }),
);
