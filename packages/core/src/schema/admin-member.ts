import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { RoleName } from "../auth/roles.ts";
import type { Context } from "../context.ts";
import { memberEmail, memberName, memberRank } from "../domain/member-csv.ts";
import { conflict } from "../errors.ts";
import { MemberKindRef } from "./admin-enum-refs.ts";
import { AGENCY_ADMINISTRATORS, assertMayChangeOperatorRole, memberIdsWithRoles } from "./admin-roles.ts";
import { isUniqueViolation } from "./admin-unique-violation.ts";
import { builder } from "./builder.ts";
import { expectedVersion, languageTag, languageTags, optionalText } from "./inputs/text.ts";
import { RoleEnum } from "./member.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";

builder.prismaObjectFields("Member", (t) => ({
  version: t.exposeInt("version"),
  disabledAt: t.expose("disabledAt", {
    type: "DateTime",
    nullable: true,
    description: "When the member's access ended; their tokens stopped working at that moment.",
  }),
  commandedUnits: t.relation("commandedUnits", {
    description: "Units this member commands.",
    query: { orderBy: { name: "asc" } },
  }),
}));

const MemberOrder = builder.enumType("MemberOrder", { values: ["NAME", "RECENTLY_ADDED"] as const });

const MemberFilter = builder.inputType("MemberFilter", {
  fields: (t) => ({
    unitId: t.id({ required: false, description: "Only members assigned to this unit." }),
    roles: t.field({ type: [RoleEnum], required: false, description: "Only members holding any of these roles." }),
    kind: t.field({ type: MemberKindRef, required: false }),
    language: t.string({
      required: false,
      description: "Only members who speak it, e.g. to find an interpreter.",
      validate: languageTag,
    }),
    search: t.string({ required: false, description: "Part of the name or email, any case.", validate: optionalText(100) }),
    includeDisabled: t.boolean({ required: false, description: "Also members whose access was ended." }),
  }),
});

builder.queryField("members", (t) =>
  t.prismaConnection({
    type: "Member",
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's personnel: any member may look up colleagues.",
    args: {
      filter: t.arg({ type: MemberFilter, required: false }),
      orderBy: t.arg({ type: MemberOrder, required: false, defaultValue: "NAME" }),
    },
    totalCount: async (_parent, args, ctx) => ctx.db.member.count({ where: await memberWhere(ctx, args.filter) }),
    resolve: async (query, _root, args, ctx) =>
      ctx.db.member.findMany({
        ...query,
        where: await memberWhere(ctx, args.filter),
        orderBy: args.orderBy === "RECENTLY_ADDED" ? [{ createdAt: "desc" }, { id: "asc" }] : [{ name: "asc" }, { id: "asc" }],
      }),
  }),
);

async function memberWhere(
  ctx: Context,
  filter: typeof MemberFilter.$inferInput | null | undefined,
): Promise<Prisma.MemberWhereInput> {
  return {
    ...(filter?.includeDisabled ? {} : { disabledAt: null }),
    ...(filter?.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
    ...(filter?.roles?.length ? { id: { in: await memberIdsWithRoles(ctx.db, filter.roles) } } : {}),
    ...(filter?.kind ? { kind: filter.kind } : {}),
    ...(filter?.language ? { languages: { has: filter.language } } : {}),
    ...(filter?.search
      ? {
          OR: [
            { name: { contains: filter.search, mode: "insensitive" as const } },
            { email: { contains: filter.search, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
}

/** Re-reads the member with whatever the client selected. */
export const MemberPayload = builder.objectRef<{ id: string }>("MemberPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    member: t.prismaField({
      type: "Member",
      resolve: (query, payload, _args, ctx) => ctx.db.member.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const emailTaken = () =>
  conflict("input.email: already a member of the agency", {
    fields: [{ field: "input.email", message: "already a member of the agency" }],
  });

const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** Checked as a whole so that every bad field is reported at once, not just the first. */
const memberFields = {
  name: memberName,
  rank: memberRank.nullish(),
  languages: languageTags.nullish(),
};

const InviteMemberInput = builder.inputType("InviteMemberInput", {
  validate: z.looseObject({
    ...memberFields,
    email: memberEmail,
    roles: z.array(z.string()).min(1, "must name at least one role").nullish(),
  }),
  fields: (t) => ({
    email: t.string({ required: true, description: "The address they sign in with; unique in the agency." }),
    name: t.string({ required: true }),
    kind: t.field({ type: MemberKindRef, required: false, description: "Defaults to SWORN." }),
    rank: t.string({ required: false }),
    unitId: t.id({ required: false }),
    roles: t.field({ type: [RoleEnum], required: false, description: "Defaults to MEMBER." }),
    languages: t.stringList({ required: false, description: "Languages they speak (BCP 47 tags such as es, ko, vi)." }),
  }),
});

builder.mutationField("inviteMember", (t) =>
  t.field({
    type: MemberPayload,
    description: "Adds a member to the agency; they can sign in with their email at once.",
    authScopes: { role: AGENCY_ADMINISTRATORS },
    args: { input: t.arg({ type: InviteMemberInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      const roles = unique<RoleName>(input.roles ?? ["MEMBER"]);
      assertMayChangeOperatorRole(ctx, [], roles, "input.roles");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.unitId": ["orgUnit", unitId] });
        const sameEmail = await tx.member.findFirst({
          where: { email: { equals: input.email, mode: "insensitive" } },
          select: { id: true },
        });
        if (sameEmail) throw emailTaken();
        const row = await tx.member
          .create({
            data: {
              agencyId: "",
              email: input.email,
              name: input.name,
              kind: input.kind ?? "SWORN",
              rank: input.rank || null,
              unitId: unitId ?? null,
              roles,
              languages: unique(input.languages ?? []),
            },
          })
          .catch((error: unknown) => {
            throw isUniqueViolation(error) ? emailTaken() : error;
          });
        // Name and email are personal data: the trail records what access was given.
        await recordAuditEvent(tx, ctx, {
          action: "member.invite",
          entityType: "Member",
          entityId: row.id,
          after: { roles, kind: row.kind, unitId: row.unitId },
        });
        return { id: row.id };
      });
    },
  }),
);

const UpdateMemberInput = builder.inputType("UpdateMemberInput", {
  validate: z.looseObject({ ...memberFields, name: memberFields.name.nullish(), expectedVersion }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    name: t.string({ required: false }),
    rank: t.string({ required: false, description: "Null or empty clears the rank." }),
    unitId: t.id({ required: false, description: "Null unassigns the member." }),
    kind: t.field({ type: MemberKindRef, required: false }),
    languages: t.stringList({ required: false }),
  }),
});

builder.mutationField("updateMember", (t) =>
  t.field({
    type: MemberPayload,
    description: "Changes a member's details; roles and access have their own mutations.",
    authScopes: { role: AGENCY_ADMINISTRATORS },
    args: { input: t.arg({ type: UpdateMemberInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Member", input.id, "input.id");
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.id": ["member", id], "input.unitId": ["orgUnit", unitId] });
        const data = {
          ...(input.name != null && { name: input.name }),
          ...(input.rank !== undefined && { rank: input.rank || null }),
          ...(unitId !== undefined && { unitId }),
          ...(input.kind != null && { kind: input.kind }),
          ...(input.languages != null && { languages: unique(input.languages) }),
        };
        await updateVersioned(tx.member, id, input.expectedVersion, data, "The member");
        await recordAuditEvent(tx, ctx, {
          action: "member.update",
          entityType: "Member",
          entityId: id,
          after: { fields: Object.keys(data) },
        });
        return { id };
      });
    },
  }),
);
