import type { PrismaObjectRef } from "@pothos/plugin-prisma";
import { getRefFromModel } from "@pothos/plugin-prisma";
import type { PrismaTypes } from "@roundtable/db";
import { builder } from "./builder.ts";
import { Stakeholder } from "./stakeholder.ts";

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/** The Member type that member.ts declares (it exports no ref), for lists reached through join rows. */
const MemberRef = getRefFromModel("Member", builder) as unknown as PrismaObjectRef<
  BuilderTypes,
  PrismaTypes["Member"],
  PrismaTypes["Member"]["Shape"]
>;

export const ActivityKind = builder.enumType("ActivityKind", {
  values: ["COMMUNITY_MEETING", "EVENT", "OUTREACH", "YOUTH_PROGRAM_SESSION", "ACADEMY_CLASS", "OTHER"] as const,
});

export const Activity = builder.prismaNode("Activity", {
  description: "A meeting, event, outreach, youth program session or academy class, with who came (CPP-08, CE-04h).",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    kind: t.expose("kind", { type: ActivityKind }),
    title: t.exposeString("title"),
    startsAt: t.expose("startsAt", { type: "DateTime" }),
    endsAt: t.expose("endsAt", { type: "DateTime", nullable: true }),
    location: t.exposeString("location", { nullable: true }),
    unit: t.relation("unit", { nullable: true }),
    strategy: t.relation("strategy", { nullable: true }),
    departmentSponsored: t.exposeBoolean("departmentSponsored", {
      description: "Department-sponsored meetings are where CPP-04 promises language access.",
    }),
    attendanceCount: t.exposeInt("attendanceCount", { nullable: true }),
    minutes: t.exposeString("minutes", { nullable: true }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    stakeholders: t.field({
      type: [Stakeholder],
      description: "The stakeholders who took part, by name.",
      // Through the join rows, letting Pothos plan what the client asks of each stakeholder.
      select: (_args, _ctx, nestedSelection) => ({
        stakeholders: { select: { stakeholder: nestedSelection(true) }, orderBy: { stakeholder: { name: "asc" } } },
      }),
      resolve: (activity) => activity.stakeholders.map((link) => link.stakeholder),
    }),
    participants: t.field({
      type: [MemberRef],
      description: "The members who took part, by name.",
      select: (_args, _ctx, nestedSelection) => ({
        participants: { select: { member: nestedSelection(true) }, orderBy: { member: { name: "asc" } } },
      }),
      resolve: (activity) => activity.participants.map((link) => link.member),
    }),
    languageRequests: t.relation("languageRequests", {
      description: "Languages asked for and who interpreted (CPP-04).",
      query: { orderBy: { language: "asc" } },
    }),
    followUps: t.relation("followUps", { query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } }),
  }),
});

/** What activity mutations answer: the activity, re-read with the client's selection. */
export const ActivityPayload = builder.objectRef<{ id: string }>("ActivityPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    activity: t.prismaField({
      type: Activity,
      resolve: (query, payload, _args, ctx) => ctx.db.activity.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});
