import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";
import { FEEDBACK_HANDLERS, FeedbackChannel, FeedbackPayload, FeedbackStatus, FeedbackTopic } from "./feedback.ts";
import { expectedVersion, languageTag, optionalText, requiredText } from "./inputs/text.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";

/** Clocks differ a little; a receivedAt further ahead than this is a typo. */
const CLOCK_SKEW_MS = 5 * 60_000;

const RecordFeedbackInput = builder.inputType("RecordFeedbackInput", {
  validate: z.looseObject({
    channel: z.string().refine((channel) => channel !== "SURVEY", "SURVEY feedback comes only from survey responses"),
    text: requiredText(5000),
    language: languageTag.nullish(),
    receivedAt: z
      .date()
      .refine((at) => at.getTime() <= Date.now() + CLOCK_SKEW_MS, "must not be in the future")
      .nullish(),
    name: optionalText(200).nullish(),
    contact: optionalText(200).nullish(),
  }),
  fields: (t) => ({
    channel: t.field({ type: FeedbackChannel, required: true }),
    text: t.string({ required: true }),
    topic: t.field({ type: FeedbackTopic, required: false, defaultValue: "OTHER" }),
    language: t.string({ required: false }),
    criticalOfDepartment: t.boolean({ required: false, defaultValue: false }),
    unitId: t.id({ required: false, description: "Defaults to the activity's unit." }),
    activityId: t.id({ required: false, description: "The meeting or event where it was said (channel MEETING)." }),
    receivedAt: t.field({ type: "DateTime", required: false, description: "Defaults to now." }),
    name: t.string({ required: false, description: "Only if the person wants to be named; staff with the right role see it." }),
    contact: t.string({ required: false, description: "Only if the person wants an answer; never shown to other roles." }),
  }),
});

builder.mutationField("recordFeedback", (t) =>
  t.field({
    type: FeedbackPayload,
    authScopes: { member: true },
    description: "Records what the community said, for example at a meeting (channel MEETING with its activity).",
    args: { input: t.arg({ type: RecordFeedbackInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      const activityId = optionalIdFromInput("Activity", input.activityId, "input.activityId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.unitId": ["orgUnit", unitId], "input.activityId": ["activity", activityId] });
        const activity = activityId
          ? await tx.activity.findUniqueOrThrow({ where: { id: activityId }, select: { unitId: true } })
          : null;
        const row = await tx.feedback.create({
          data: {
            agencyId: "",
            channel: input.channel,
            text: input.text,
            topic: input.topic ?? "OTHER",
            language: input.language ?? null,
            criticalOfDepartment: input.criticalOfDepartment ?? false,
            unitId: unitId ?? activity?.unitId ?? null,
            activityId: activityId ?? null,
            receivedAt: input.receivedAt ?? new Date(),
            submitterName: input.name || null,
            submitterContact: input.contact || null,
          },
        });
        // The submitter's name and contact are personal data: never in the audit trail.
        await recordAuditEvent(tx, ctx, {
          action: "feedback.record",
          entityType: "Feedback",
          entityId: row.id,
          after: { channel: row.channel, topic: row.topic, criticalOfDepartment: row.criticalOfDepartment },
        });
        return { id: row.id };
      });
    },
  }),
);

const AnswerFeedbackInput = builder.inputType("AnswerFeedbackInput", {
  validate: z.looseObject({ answer: requiredText(5000), expectedVersion }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    answer: t.string({ required: true, description: "What the agency answers; it may be shared with the community." }),
  }),
});

builder.mutationField("answerFeedback", (t) =>
  t.field({
    type: FeedbackPayload,
    authScopes: { role: FEEDBACK_HANDLERS },
    description: "Answers feedback: status ANSWERED, with who answered and when.",
    args: { input: t.arg({ type: AnswerFeedbackInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Feedback", input.id, "input.id");
      const answeredById = ctx.principal.kind === "member" ? ctx.principal.memberId : null;
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.id": ["feedback", id] });
        const data = { answer: input.answer, answeredAt: new Date(), answeredById, status: "ANSWERED" as const };
        const row = await updateVersioned(tx.feedback, id, input.expectedVersion, data, "The feedback");
        await recordAuditEvent(tx, ctx, {
          action: "feedback.answer",
          entityType: "Feedback",
          entityId: id,
          after: { status: row.status, criticalOfDepartment: row.criticalOfDepartment },
        });
        return { id };
      });
    },
  }),
);

const SetFeedbackStatusInput = builder.inputType("SetFeedbackStatusInput", {
  validate: z.looseObject({ expectedVersion }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    status: t.field({ type: FeedbackStatus, required: true }),
  }),
});

builder.mutationField("setFeedbackStatus", (t) =>
  t.field({
    type: FeedbackPayload,
    authScopes: { role: FEEDBACK_HANDLERS },
    description: "Moves feedback along (ACKNOWLEDGED, IN_PROGRESS, CLOSED, ...); ANSWERED only once it has an answer.",
    args: { input: t.arg({ type: SetFeedbackStatusInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Feedback", input.id, "input.id");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.id": ["feedback", id] });
        const before = await tx.feedback.findUniqueOrThrow({ where: { id }, select: { status: true } });
        const row = await updateVersioned(tx.feedback, id, input.expectedVersion, { status: input.status }, "The feedback");
        if (row.status === "ANSWERED" && !row.answer) {
          throw badUserInput([{ field: "input.status", message: "ANSWERED needs an answer: use answerFeedback" }]);
        }
        await recordAuditEvent(tx, ctx, {
          action: "feedback.set-status",
          entityType: "Feedback",
          entityId: id,
          before: { status: before.status },
          after: { status: row.status },
        });
        return { id };
      });
    },
  }),
);

const ClassifyFeedbackInput = builder.inputType("ClassifyFeedbackInput", {
  validate: z.looseObject({ expectedVersion }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    topic: t.field({ type: FeedbackTopic, required: false }),
    criticalOfDepartment: t.boolean({ required: false }),
    unitId: t.id({ required: false, description: "Null: feedback for the whole agency." }),
  }),
});

builder.mutationField("classifyFeedback", (t) =>
  t.field({
    type: FeedbackPayload,
    authScopes: { role: FEEDBACK_HANDLERS },
    description: "Sorts feedback that arrived unsorted (online, surveys): its topic, unit, and whether it is critical.",
    args: { input: t.arg({ type: ClassifyFeedbackInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Feedback", input.id, "input.id");
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.id": ["feedback", id], "input.unitId": ["orgUnit", unitId] });
        const data = {
          ...(input.topic != null && { topic: input.topic }),
          ...(input.criticalOfDepartment != null && { criticalOfDepartment: input.criticalOfDepartment }),
          ...(unitId !== undefined && { unitId }),
        };
        await updateVersioned(tx.feedback, id, input.expectedVersion, data, "The feedback");
        await recordAuditEvent(tx, ctx, {
          action: "feedback.classify",
          entityType: "Feedback",
          entityId: id,
          after: { fields: Object.keys(data) },
        });
        return { id };
      });
    },
  }),
);
