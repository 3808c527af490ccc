import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AUDITED_READ } from "../audit/record-denied-attempt.ts";
import { hasRole } from "../auth/principal.ts";
import type { Context } from "../context.ts";
import { formatCalendarDate } from "../domain/indicator-csv.ts";
import { conflict, forbidden } from "../errors.ts";
import { builder } from "./builder.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { assertCanRecordTrainingFor, canSeeTrainingOf, isSelf, TRAINING_STAFF } from "./training-access.ts";
import { CalendarDate, todayUtc } from "./trend-calendar-date.ts";

/** Hours of training: more than nothing, and no more than five 40-hour weeks. */
export const trainingHours = z.number().gt(0, "must be more than 0").max(200, "must be at most 200");

export const TrainingRecord = builder.prismaNode("TrainingRecord", {
  description: "A member completed a course on a day. Visible to the member and to staff.",
  id: { field: "id" },
  // Members see their own ledger only; the list queries filter the same way, this guards `node`.
  authScopes: (record, ctx) => canSeeTrainingOf(ctx, record.memberId),
  fields: (t) => ({
    member: t.relation("member"),
    course: t.relation("course"),
    completedOn: t.expose("completedOn", { type: CalendarDate }),
    hours: t.exposeFloat("hours"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const TrainingRecordFilter = builder.inputType("TrainingRecordFilter", {
  validate: z
    .looseObject({ from: z.date().nullish(), to: z.date().nullish() })
    .refine((filter) => !filter.from || !filter.to || filter.to >= filter.from, {
      path: ["to"],
      message: "must not be before from",
    }),
  fields: (t) => ({
    memberId: t.id({ required: false, description: "One member's records; members other than staff see only their own." }),
    courseId: t.id({ required: false }),
    from: t.field({ type: CalendarDate, required: false, description: "Completed on or after this day." }),
    to: t.field({ type: CalendarDate, required: false, description: "Completed on or before this day." }),
  }),
});

const TrainingRecordOrder = builder.enumType("TrainingRecordOrder", { values: ["RECENT_FIRST", "OLDEST_FIRST"] as const });

builder.queryField("trainingRecords", (t) =>
  t.prismaConnection({
    type: TrainingRecord,
    cursor: "id",
    authScopes: { member: true },
    extensions: AUDITED_READ,
    description: "Training records, most recent first: every member's for staff, your own otherwise.",
    args: {
      filter: t.arg({ type: TrainingRecordFilter, required: false }),
      orderBy: t.arg({ type: TrainingRecordOrder, required: false, defaultValue: "RECENT_FIRST" }),
    },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.trainingRecord.count({ where: recordWhere(ctx, args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.trainingRecord.findMany({
          ...query,
          where: recordWhere(ctx, args.filter),
          orderBy:
            args.orderBy === "OLDEST_FIRST" ? [{ completedOn: "asc" }, { id: "asc" }] : [{ completedOn: "desc" }, { id: "asc" }],
        }),
      ),
  }),
);

function recordWhere(
  ctx: Context,
  filter: typeof TrainingRecordFilter.$inferInput | null | undefined,
): Prisma.TrainingRecordWhereInput {
  const memberId = optionalIdFromInput("Member", filter?.memberId, "filter.memberId");
  const courseId = optionalIdFromInput("TrainingCourse", filter?.courseId, "filter.courseId");
  const staff = hasRole(ctx.principal, ...TRAINING_STAFF);
  if (!staff && memberId && !isSelf(ctx, memberId))
    throw forbidden("filter.memberId: you can see only your own training records.");
  const ownId = ctx.principal.kind === "member" ? ctx.principal.memberId : "";
  return {
    ...(staff ? (memberId ? { memberId } : {}) : { memberId: ownId }),
    ...(courseId ? { courseId } : {}),
    ...(filter?.from || filter?.to
      ? { completedOn: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lte: filter.to }) } }
      : {}),
  };
}

const TrainingRecordPayload = builder.objectRef<{ id: string }>("TrainingRecordPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    trainingRecord: t.prismaField({
      type: TrainingRecord,
      resolve: (query, payload, _args, ctx) => ctx.db.trainingRecord.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const RecordTrainingInput = builder.inputType("RecordTrainingInput", {
  validate: z.looseObject({
    completedOn: z.date().refine((day) => day <= todayUtc(), "must not be in the future"),
    hours: trainingHours.nullish(),
  }),
  fields: (t) => ({
    memberId: t.id({ required: false, description: "Whose training; yourself when left out." }),
    courseId: t.id({ required: true }),
    completedOn: t.field({ type: CalendarDate, required: true }),
    hours: t.float({ required: false, description: "The course's hours when left out." }),
  }),
});

builder.mutationField("recordTraining", (t) =>
  t.field({
    type: TrainingRecordPayload,
    authScopes: { member: true },
    description:
      "Records a completed course. Anyone records their own; the Chief/Sheriff, coordinator and agency admins " +
      "record anyone's, a unit commander their units' members'. One record per member, course and day.",
    args: { input: t.arg({ type: RecordTrainingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const courseId = idFromInput("TrainingCourse", input.courseId, "input.courseId");
      const memberId =
        optionalIdFromInput("Member", input.memberId, "input.memberId") ??
        (ctx.principal.kind === "member" ? ctx.principal.memberId : "");
      const duplicate = () =>
        conflict(
          `input.completedOn: this member already has a record of this course on ${formatCalendarDate(input.completedOn)}`,
          {
            fields: [{ field: "input.completedOn", message: "already recorded" }],
          },
        );
      // Checked before the transaction: they read through ctx.db, which would wait on the open transaction.
      await requireRows(ctx.db, { "input.memberId": ["member", memberId], "input.courseId": ["trainingCourse", courseId] });
      await assertCanRecordTrainingFor(ctx, memberId);
      return ctx.db
        .$transaction(async (tx) => {
          const where = { memberId, courseId, completedOn: input.completedOn };
          if (await tx.trainingRecord.findFirst({ where, select: { id: true } })) throw duplicate();
          const course = await tx.trainingCourse.findUniqueOrThrow({ where: { id: courseId }, select: { hours: true } });
          const row = await tx.trainingRecord.create({ data: { agencyId: "", ...where, hours: input.hours ?? course.hours } });
          await recordAuditEvent(tx, ctx, {
            action: "training-record.create",
            entityType: "TrainingRecord",
            entityId: row.id,
            after: {
              courseId,
              completedOn: formatCalendarDate(row.completedOn),
              hours: row.hours,
              forSelf: isSelf(ctx, memberId),
            },
          });
          return { id: row.id };
        })
        .catch((error: unknown) => {
          // Two clerks recorded the same completion at once: the unique index keeps one.
          throw (error as { code?: string }).code === "P2002" ? duplicate() : error;
        });
    },
  }),
);
