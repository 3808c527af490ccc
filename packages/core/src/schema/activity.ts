import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Context } from "../context.ts";
import { badUserInput } from "../errors.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { assertCanEditActivity } from "./activity-access.ts";
import {
  LanguageRequestInput,
  languageAccessSummary,
  languageRequestList,
  languageRequestsFromInput,
  replaceLanguageRequests,
} from "./activity-language-access.ts";
import { ActivityKind, ActivityPayload } from "./activity-node.ts";
import { builder } from "./builder.ts";
import { count, expectedVersion, optionalText, requiredText } from "./inputs/text.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";
import "./activity-list.ts";
import "./activity-follow-up.ts";

const END_BEFORE_START = "must be after startsAt";

/** Checked as a whole so that every bad field is reported at once. */
const activityFields = {
  title: requiredText(200),
  location: optionalText(300).nullish(),
  minutes: optionalText(20_000).nullish(),
  attendanceCount: count.nullish(),
  stakeholderIds: z.array(z.string()).max(100, "must list at most 100 stakeholders").nullish(),
  participantIds: z.array(z.string()).max(300, "must list at most 300 participants").nullish(),
};

function timesInOrder(input: Record<string, unknown>, check: z.RefinementCtx): void {
  if (input.startsAt instanceof Date && input.endsAt instanceof Date && input.endsAt <= input.startsAt) {
    check.addIssue({ code: "custom", path: ["endsAt"], message: END_BEFORE_START });
  }
}

const LogActivityInput = builder.inputType("LogActivityInput", {
  validate: z.looseObject({ ...activityFields, languageRequests: languageRequestList.nullish() }).superRefine(timesInOrder),
  fields: (t) => ({
    kind: t.field({ type: ActivityKind, required: true }),
    title: t.string({ required: true }),
    startsAt: t.field({ type: "DateTime", required: true }),
    endsAt: t.field({ type: "DateTime", required: false }),
    location: t.string({ required: false }),
    unitId: t.id({ required: false, description: "Defaults to your own unit; null for none." }),
    strategyId: t.id({ required: false }),
    departmentSponsored: t.boolean({ required: false, description: "True unless given." }),
    attendanceCount: t.int({ required: false }),
    minutes: t.string({ required: false }),
    stakeholderIds: t.idList({ required: false }),
    participantIds: t.idList({ required: false, description: "Members who took part." }),
    languageRequests: t.field({ type: [LanguageRequestInput], required: false }),
  }),
});

/** Decodes a list of IDs (repeats dropped) and checks every row is in the agency, naming the entry that is not. */
async function requireEach(db: object, typename: string, model: string, ids: readonly string[], field: string) {
  const refs: Record<string, [string, string]> = {};
  const rowIds: string[] = [];
  ids.forEach((globalId, index) => {
    const id = idFromInput(typename, globalId, `${field}.${index}`);
    if (rowIds.includes(id)) return;
    rowIds.push(id);
    refs[`${field}.${index}`] = [model, id];
  });
  await requireRows(db, refs);
  return rowIds;
}

/** Replaces the stakeholders and members linked to an activity (each given list replaces its own). */
async function linkPeople(
  db: Pick<TenantDb, "activityStakeholder" | "activityParticipant">,
  activityId: string,
  links: { stakeholderIds?: string[]; participantIds?: string[] },
) {
  if (links.stakeholderIds) {
    await db.activityStakeholder.deleteMany({ where: { activityId } });
    await db.activityStakeholder.createMany({
      data: links.stakeholderIds.map((stakeholderId) => ({ agencyId: "", activityId, stakeholderId })),
    });
  }
  if (links.participantIds) {
    await db.activityParticipant.deleteMany({ where: { activityId } });
    await db.activityParticipant.createMany({
      data: links.participantIds.map((memberId) => ({ agencyId: "", activityId, memberId })),
    });
  }
}

builder.mutationField("logActivity", (t) =>
  t.field({
    type: ActivityPayload,
    description: "Records a meeting, event or session; any member may log one.",
    authScopes: { member: true },
    args: { input: t.arg({ type: LogActivityInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      const strategyId = optionalIdFromInput("EngagementStrategy", input.strategyId, "input.strategyId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.unitId": ["orgUnit", unitId], "input.strategyId": ["engagementStrategy", strategyId] });
        const stakeholderIds = await requireEach(
          tx,
          "Stakeholder",
          "stakeholder",
          input.stakeholderIds ?? [],
          "input.stakeholderIds",
        );
        const participantIds = await requireEach(tx, "Member", "member", input.participantIds ?? [], "input.participantIds");
        const languages = await languageRequestsFromInput(tx, input.languageRequests, "input.languageRequests");
        const row = await tx.activity.create({
          data: {
            agencyId: "",
            kind: input.kind,
            title: input.title,
            startsAt: input.startsAt,
            endsAt: input.endsAt ?? null,
            location: input.location ?? null,
            unitId: unitId === undefined ? await callersUnit(tx, ctx.principal) : unitId,
            strategyId: strategyId ?? null,
            departmentSponsored: input.departmentSponsored ?? true,
            attendanceCount: input.attendanceCount ?? null,
            minutes: input.minutes ?? null,
          },
        });
        await linkPeople(tx, row.id, { stakeholderIds, participantIds });
        await replaceLanguageRequests(tx, row.id, languages);
        await recordAuditEvent(tx, ctx, {
          action: "activity.create",
          entityType: "Activity",
          entityId: row.id,
          after: {
            kind: row.kind,
            title: row.title,
            startsAt: row.startsAt.toISOString(),
            stakeholders: stakeholderIds.length,
            participants: participantIds.length,
            ...languageAccessSummary(languages),
          },
        });
        return { id: row.id };
      });
    },
  }),
);

async function callersUnit(db: Pick<TenantDb, "member">, principal: Context["principal"]): Promise<string | null> {
  if (principal.kind !== "member") return null;
  const me = await db.member.findUnique({ where: { id: principal.memberId }, select: { unitId: true } });
  return me?.unitId ?? null;
}

const UpdateActivityInput = builder.inputType("UpdateActivityInput", {
  validate: z
    .looseObject({ ...activityFields, title: activityFields.title.nullish(), expectedVersion })
    .superRefine(timesInOrder),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    kind: t.field({ type: ActivityKind, required: false }),
    title: t.string({ required: false }),
    startsAt: t.field({ type: "DateTime", required: false }),
    endsAt: t.field({ type: "DateTime", required: false, description: "Null clears the end." }),
    location: t.string({ required: false }),
    unitId: t.id({ required: false, description: "Null clears the unit." }),
    strategyId: t.id({ required: false, description: "Null clears the strategy." }),
    departmentSponsored: t.boolean({ required: false }),
    attendanceCount: t.int({ required: false }),
    minutes: t.string({ required: false }),
    stakeholderIds: t.idList({ required: false, description: "The whole list; it replaces the current one." }),
    participantIds: t.idList({ required: false, description: "The whole list; it replaces the current one." }),
  }),
});

builder.mutationField("updateActivity", (t) =>
  t.field({
    type: ActivityPayload,
    description: "Changes an activity: members of its unit, unit commanders, the coordinator and the Chief/Sheriff.",
    authScopes: { member: true },
    args: { input: t.arg({ type: UpdateActivityInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Activity", input.id, "input.id");
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      const strategyId = optionalIdFromInput("EngagementStrategy", input.strategyId, "input.strategyId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, {
          "input.id": ["activity", id],
          "input.unitId": ["orgUnit", unitId],
          "input.strategyId": ["engagementStrategy", strategyId],
        });
        const current = await tx.activity.findUniqueOrThrow({ where: { id } });
        await assertCanEditActivity(tx, ctx, unitId === undefined ? [current.unitId] : [current.unitId, unitId]);
        // Only one end of the time may be sent: it must still fit the stored other end.
        const startsAt = input.startsAt ?? current.startsAt;
        const endsAt = input.endsAt === undefined ? current.endsAt : input.endsAt;
        if (endsAt && endsAt <= startsAt) throw badUserInput([{ field: "input.endsAt", message: END_BEFORE_START }]);
        const stakeholderIds = input.stakeholderIds
          ? await requireEach(tx, "Stakeholder", "stakeholder", input.stakeholderIds, "input.stakeholderIds")
          : undefined;
        const participantIds = input.participantIds
          ? await requireEach(tx, "Member", "member", input.participantIds, "input.participantIds")
          : undefined;
        const data = {
          ...(input.kind != null && { kind: input.kind }),
          ...(input.title != null && { title: input.title }),
          ...(input.startsAt != null && { startsAt: input.startsAt }),
          ...(input.endsAt !== undefined && { endsAt: input.endsAt }),
          ...(input.location !== undefined && { location: input.location }),
          ...(unitId !== undefined && { unitId }),
          ...(strategyId !== undefined && { strategyId }),
          ...(input.departmentSponsored != null && { departmentSponsored: input.departmentSponsored }),
          ...(input.attendanceCount !== undefined && { attendanceCount: input.attendanceCount }),
          ...(input.minutes !== undefined && { minutes: input.minutes }),
        };
        await updateVersioned(tx.activity, id, input.expectedVersion, data, "The activity");
        await linkPeople(tx, id, { ...(stakeholderIds && { stakeholderIds }), ...(participantIds && { participantIds }) });
        await recordAuditEvent(tx, ctx, {
          action: "activity.update",
          entityType: "Activity",
          entityId: id,
          after: {
            fields: [
              ...Object.keys(data),
              ...(stakeholderIds ? ["stakeholders"] : []),
              ...(participantIds ? ["participants"] : []),
            ],
          },
        });
        return { id };
      });
    },
  }),
);
