import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { builder } from "./builder.ts";
import { optionalText, requiredText } from "./inputs/text.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput, requireRows } from "./references.ts";
import { COURSE_EDITORS } from "./training-access.ts";
import { trainingHours } from "./training-record.ts";
import "./training-member-fields.ts";

// The training ledger (CPP-19: at least eight hours of community policing and engagement
// training per member, in person or online). Courses live here; records, who may see and
// make them, and the members' hours in training-record.ts and training-member-fields.ts.

export const TrainingDelivery = builder.enumType("TrainingDelivery", { values: ["IN_PERSON", "ONLINE"] as const });

export const TrainingCourse = builder.prismaNode("TrainingCourse", {
  description: "A community policing and engagement course members can complete.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    title: t.exposeString("title"),
    hours: t.exposeFloat("hours", { description: "Hours a completion counts for, unless its record says otherwise." }),
    delivery: t.expose("delivery", { type: TrainingDelivery }),
    topics: t.exposeStringList("topics"),
    provider: t.exposeString("provider", { nullable: true }),
    active: t.exposeBoolean("active", { description: "False once the course is no longer offered; its records stay." }),
  }),
});

const TrainingCourseFilter = builder.inputType("TrainingCourseFilter", {
  fields: (t) => ({
    delivery: t.field({ type: TrainingDelivery, required: false }),
    includeInactive: t.boolean({ required: false, description: "Also courses no longer offered." }),
    search: t.string({ required: false, description: "Part of the title, any case.", validate: optionalText(100) }),
  }),
});

builder.queryField("trainingCourses", (t) =>
  t.prismaConnection({
    type: TrainingCourse,
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's courses by title; those still offered unless includeInactive.",
    args: { filter: t.arg({ type: TrainingCourseFilter, required: false }) },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.trainingCourse.count({ where: courseWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.trainingCourse.findMany({ ...query, where: courseWhere(args.filter), orderBy: [{ title: "asc" }, { id: "asc" }] }),
      ),
  }),
);

function courseWhere(filter: typeof TrainingCourseFilter.$inferInput | null | undefined): Prisma.TrainingCourseWhereInput {
  return {
    ...(filter?.includeInactive ? {} : { active: true }),
    ...(filter?.delivery ? { delivery: filter.delivery } : {}),
    ...(filter?.search ? { title: { contains: filter.search, mode: "insensitive" as const } } : {}),
  };
}

const TrainingCoursePayload = builder.objectRef<{ id: string }>("TrainingCoursePayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    trainingCourse: t.prismaField({
      type: TrainingCourse,
      resolve: (query, payload, _args, ctx) => ctx.db.trainingCourse.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const courseFields = {
  title: requiredText(200),
  hours: trainingHours,
  topics: z.array(requiredText(100)).max(30, "must list at most 30 topics").nullish(),
  provider: optionalText(200).nullish(),
};

const CreateTrainingCourseInput = builder.inputType("CreateTrainingCourseInput", {
  validate: z.looseObject(courseFields),
  fields: (t) => ({
    title: t.string({ required: true }),
    hours: t.float({ required: true }),
    delivery: t.field({ type: TrainingDelivery, required: true }),
    topics: t.stringList({ required: false }),
    provider: t.string({ required: false }),
    active: t.boolean({ required: false, description: "True unless given." }),
  }),
});

builder.mutationField("createTrainingCourse", (t) =>
  t.field({
    type: TrainingCoursePayload,
    authScopes: { role: COURSE_EDITORS },
    args: { input: t.arg({ type: CreateTrainingCourseInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.$transaction(async (tx) => {
        const row = await tx.trainingCourse.create({
          data: {
            agencyId: "",
            title: input.title.trim(),
            hours: input.hours,
            delivery: input.delivery,
            topics: input.topics?.map((topic) => topic.trim()) ?? [],
            provider: input.provider?.trim() || null,
            active: input.active ?? true,
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "training-course.create",
          entityType: "TrainingCourse",
          entityId: row.id,
          after: { title: row.title, hours: row.hours, delivery: row.delivery },
        });
        return { id: row.id };
      }),
  }),
);

const UpdateTrainingCourseInput = builder.inputType("UpdateTrainingCourseInput", {
  validate: z.looseObject({ ...courseFields, title: courseFields.title.nullish(), hours: courseFields.hours.nullish() }),
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string({ required: false }),
    hours: t.float({ required: false, description: "Changes what later completions count for; recorded ones keep theirs." }),
    delivery: t.field({ type: TrainingDelivery, required: false }),
    topics: t.stringList({ required: false }),
    provider: t.string({ required: false, description: "Null or empty clears it." }),
    active: t.boolean({ required: false }),
  }),
});

builder.mutationField("updateTrainingCourse", (t) =>
  t.field({
    type: TrainingCoursePayload,
    authScopes: { role: COURSE_EDITORS },
    description: "Changes the fields given and leaves the others as they are.",
    args: { input: t.arg({ type: UpdateTrainingCourseInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("TrainingCourse", input.id, "input.id");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.id": ["trainingCourse", id] });
        const data = {
          ...(input.title != null && { title: input.title.trim() }),
          ...(input.hours != null && { hours: input.hours }),
          ...(input.delivery != null && { delivery: input.delivery }),
          ...(input.topics != null && { topics: input.topics.map((topic) => topic.trim()) }),
          ...(input.provider !== undefined && { provider: input.provider?.trim() || null }),
          ...(input.active != null && { active: input.active }),
        };
        await tx.trainingCourse.update({ where: { id }, data });
        await recordAuditEvent(tx, ctx, {
          action: "training-course.update",
          entityType: "TrainingCourse",
          entityId: id,
          after: { fields: Object.keys(data) },
        });
        return { id };
      });
    },
  }),
);
