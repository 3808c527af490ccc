import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { AUDITED_READ } from "../audit/record-denied-attempt.ts";
import type { RoleName } from "../auth/roles.ts";
import { builder } from "./builder.ts";
import { languageTag } from "./inputs/text.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput } from "./references.ts";
import "./feedback-handling.ts";
import "./feedback-public.ts";

/** Who works through feedback: answers it, moves it along, classifies it. */
export const FEEDBACK_HANDLERS: RoleName[] = ["COORDINATOR", "UNIT_COMMANDER", "CHIEF"];

/** Who may see who sent feedback. Everyone else sees the comment, not the person. */
export const SUBMITTER_READERS: RoleName[] = ["COORDINATOR", "CHIEF", "AGENCY_ADMIN"];

export const FeedbackChannel = builder.enumType("FeedbackChannel", {
  values: ["MEETING", "SURVEY", "ONLINE", "PHONE", "EMAIL", "IN_PERSON", "OTHER"] as const,
});

export const FeedbackTopic = builder.enumType("FeedbackTopic", {
  description: "The two kinds of priority the policy asks commanders to solicit (CPP-06), and the rest.",
  values: ["PUBLIC_SAFETY", "QUALITY_OF_LIFE", "OTHER"] as const,
});

export const FeedbackStatus = builder.enumType("FeedbackStatus", {
  values: ["NEW", "ACKNOWLEDGED", "IN_PROGRESS", "ANSWERED", "CLOSED"] as const,
});

export const Feedback = builder.prismaNode("Feedback", {
  description: "A comment from the community, from a meeting, a survey or another channel (CPP-06, CPP-11, CPP-14).",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    channel: t.expose("channel", { type: FeedbackChannel }),
    text: t.exposeString("text"),
    topic: t.expose("topic", { type: FeedbackTopic }),
    language: t.exposeString("language", { nullable: true }),
    criticalOfDepartment: t.exposeBoolean("criticalOfDepartment", {
      description: "Critical of the department: to be listened to and understood (CPP-11).",
    }),
    status: t.expose("status", { type: FeedbackStatus }),
    answer: t.exposeString("answer", { nullable: true }),
    answeredAt: t.expose("answeredAt", { type: "DateTime", nullable: true }),
    answeredBy: t.relation("answeredBy", { nullable: true }),
    unit: t.relation("unit", { nullable: true }),
    activity: t.relation("activity", { nullable: true, description: "The meeting or event where it was said." }),
    receivedAt: t.expose("receivedAt", { type: "DateTime" }),
    anonymous: t.boolean({
      description: "True unless the person chose to leave a name.",
      resolve: (feedback) => !feedback.submitterName,
    }),
    // Personal data: a field-level rule, so a MEMBER asking for it gets FORBIDDEN on this field
    // (and null in data) while the rest of the feedback still arrives.
    submitterName: t.exposeString("submitterName", {
      nullable: true,
      authScopes: { role: SUBMITTER_READERS },
      extensions: AUDITED_READ,
      description: "Only for the coordinator, the Chief/Sheriff and agency admins; FORBIDDEN for other roles.",
    }),
    submitterContact: t.exposeString("submitterContact", {
      nullable: true,
      authScopes: { role: SUBMITTER_READERS },
      extensions: AUDITED_READ,
      description: "Only for the coordinator, the Chief/Sheriff and agency admins; FORBIDDEN for other roles.",
    }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const FeedbackOrder = builder.enumType("FeedbackOrder", { values: ["RECEIVED_DESC", "RECEIVED_ASC"] as const });

const FeedbackFilter = builder.inputType("FeedbackFilter", {
  validate: z
    .looseObject({ language: languageTag.nullish() })
    .refine((filter) => !(filter.from instanceof Date && filter.to instanceof Date) || filter.to > filter.from, {
      path: ["to"],
      message: "must be after from",
    }),
  fields: (t) => ({
    unitId: t.id({ required: false }),
    topic: t.field({ type: FeedbackTopic, required: false }),
    channel: t.field({ type: FeedbackChannel, required: false }),
    status: t.field({ type: FeedbackStatus, required: false }),
    critical: t.boolean({ required: false, description: "Only feedback critical of the department (true) or not (false)." }),
    unanswered: t.boolean({
      required: false,
      description: "true: not answered and not CLOSED, the work still to do; false: answered.",
    }),
    from: t.field({ type: "DateTime", required: false, description: "Received at or after." }),
    to: t.field({ type: "DateTime", required: false, description: "Received before." }),
    language: t.string({ required: false }),
  }),
});

builder.queryField("feedback", (t) =>
  t.prismaConnection({
    type: Feedback,
    cursor: "id",
    authScopes: { member: true },
    description: "The community's feedback to the agency, newest first unless asked otherwise.",
    args: {
      filter: t.arg({ type: FeedbackFilter, required: false }),
      orderBy: t.arg({ type: FeedbackOrder, required: false, defaultValue: "RECEIVED_DESC" }),
    },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.feedback.count({ where: feedbackWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) => {
      const direction = args.orderBy === "RECEIVED_ASC" ? "asc" : "desc";
      return readPage(
        info,
        query,
        ctx.db.feedback.findMany({
          ...query,
          where: feedbackWhere(args.filter),
          orderBy: [{ receivedAt: direction }, { id: "asc" }],
        }),
      );
    },
  }),
);

function feedbackWhere(filter: typeof FeedbackFilter.$inferInput | null | undefined): Prisma.FeedbackWhereInput {
  if (!filter) return {};
  const unanswered: Prisma.FeedbackWhereInput | undefined =
    filter.unanswered == null
      ? undefined
      : filter.unanswered
        ? { answeredAt: null, status: { not: "CLOSED" } }
        : { answeredAt: { not: null } };
  return {
    ...(filter.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
    ...(filter.topic ? { topic: filter.topic } : {}),
    ...(filter.channel ? { channel: filter.channel } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.critical != null ? { criticalOfDepartment: filter.critical } : {}),
    ...(filter.language ? { language: filter.language } : {}),
    ...(filter.from || filter.to
      ? { receivedAt: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lt: filter.to }) } }
      : {}),
    ...unanswered,
  };
}

/** What staff feedback mutations answer: the feedback, read again with whatever the client asked for. */
export const FeedbackPayload = builder.objectRef<{ id: string }>("FeedbackPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    feedback: t.prismaField({
      type: Feedback,
      resolve: (query, payload, _args, ctx) => ctx.db.feedback.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});
