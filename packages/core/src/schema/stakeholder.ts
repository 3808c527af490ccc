import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { RoleName } from "../auth/roles.ts";
import { builder } from "./builder.ts";
import { expectedVersion, languageTag, languageTags, optionalText, requiredText } from "./inputs/text.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";

/** Who may add and edit stakeholders and their contacts. */
export const STAKEHOLDER_EDITORS: RoleName[] = ["CHIEF", "AGENCY_ADMIN", "COORDINATOR", "UNIT_COMMANDER"];

export const StakeholderKind = builder.enumType("StakeholderKind", {
  description: "The kinds of partner the policy names (CPP-02), and a few more every station meets.",
  values: [
    "CHURCH",
    "MOSQUE",
    "SYNAGOGUE",
    "ISSUE_ADVOCACY_GROUP",
    "FRATERNAL_ORGANIZATION",
    "CHAMBER_OF_COMMERCE",
    "CITY_GOVERNMENT",
    "NON_PROFIT",
    "SCHOOL",
    "YOUTH_GROUP",
    "NEIGHBORHOOD_ASSOCIATION",
    "BUSINESS",
    "OTHER",
  ] as const,
});

export const OutreachStatus = builder.enumType("OutreachStatus", {
  values: ["NOT_YET_CONTACTED", "ENGAGED", "HARD_TO_REACH", "DISTRUSTFUL", "INACTIVE"] as const,
});

export const Stakeholder = builder.prismaNode("Stakeholder", {
  description: "An organisation or group the agency works with.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: StakeholderKind }),
    description: t.exposeString("description", { nullable: true }),
    languages: t.exposeStringList("languages"),
    outreachStatus: t.expose("outreachStatus", { type: OutreachStatus }),
    area: t.relation("area", { nullable: true, description: "The unit whose area the stakeholder is in." }),
    archived: t.boolean({ resolve: (row) => row.archivedAt !== null }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    contacts: t.relation("contacts", { description: "People to reach; agency staff only.", query: { orderBy: { name: "asc" } } }),
  }),
});

builder.prismaNode("StakeholderContact", {
  description: "A person at a stakeholder. Personal data: visible to agency staff only.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    name: t.exposeString("name"),
    title: t.exposeString("title", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    phone: t.exposeString("phone", { nullable: true }),
    preferredLanguage: t.exposeString("preferredLanguage", { nullable: true }),
    stakeholder: t.relation("stakeholder"),
  }),
});

const StakeholderOrder = builder.enumType("StakeholderOrder", { values: ["NAME", "RECENTLY_UPDATED"] as const });

const StakeholderFilter = builder.inputType("StakeholderFilter", {
  fields: (t) => ({
    kinds: t.field({ type: [StakeholderKind], required: false }),
    outreachStatuses: t.field({ type: [OutreachStatus], required: false }),
    areaId: t.id({ required: false, description: "Only stakeholders in this unit's area." }),
    language: t.string({ required: false, validate: languageTag }),
    search: t.string({ required: false, description: "Part of the name, any case.", validate: optionalText(100) }),
    includeArchived: t.boolean({ required: false }),
  }),
});

builder.queryField("stakeholders", (t) =>
  t.prismaConnection({
    type: Stakeholder,
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's stakeholders, filtered and ordered as a list page needs.",
    args: {
      filter: t.arg({ type: StakeholderFilter, required: false }),
      orderBy: t.arg({ type: StakeholderOrder, required: false, defaultValue: "NAME" }),
    },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.stakeholder.count({ where: stakeholderWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.stakeholder.findMany({
          ...query,
          where: stakeholderWhere(args.filter),
          orderBy:
            args.orderBy === "RECENTLY_UPDATED" ? [{ updatedAt: "desc" }, { id: "asc" }] : [{ name: "asc" }, { id: "asc" }],
        }),
      ),
  }),
);

function stakeholderWhere(filter: typeof StakeholderFilter.$inferInput | null | undefined): Prisma.StakeholderWhereInput {
  if (!filter) return { archivedAt: null };
  return {
    ...(filter.includeArchived ? {} : { archivedAt: null }),
    ...(filter.kinds?.length ? { kind: { in: filter.kinds } } : {}),
    ...(filter.outreachStatuses?.length ? { outreachStatus: { in: filter.outreachStatuses } } : {}),
    ...(filter.areaId ? { areaId: idFromInput("OrgUnit", filter.areaId, "filter.areaId") } : {}),
    ...(filter.language ? { languages: { has: filter.language } } : {}),
    ...(filter.search ? { name: { contains: filter.search, mode: "insensitive" as const } } : {}),
  };
}

const StakeholderPayload = builder.objectRef<{ id: string }>("StakeholderPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    stakeholder: t.prismaField({
      type: Stakeholder,
      resolve: (query, payload, _args, ctx) => ctx.db.stakeholder.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

/** Checked as a whole so that every bad field is reported at once, not just the first. */
const stakeholderFields = {
  name: requiredText(200),
  description: optionalText(4000).nullish(),
  languages: languageTags.nullish(),
};

const CreateStakeholderInput = builder.inputType("CreateStakeholderInput", {
  validate: z.looseObject(stakeholderFields),
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: StakeholderKind, required: true }),
    description: t.string({ required: false }),
    languages: t.stringList({ required: false }),
    areaId: t.id({ required: false }),
    outreachStatus: t.field({ type: OutreachStatus, required: false }),
  }),
});

builder.mutationField("createStakeholder", (t) =>
  t.field({
    type: StakeholderPayload,
    authScopes: { role: STAKEHOLDER_EDITORS },
    args: { input: t.arg({ type: CreateStakeholderInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const areaId = optionalIdFromInput("OrgUnit", input.areaId, "input.areaId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.areaId": ["orgUnit", areaId] });
        const row = await tx.stakeholder.create({
          data: {
            agencyId: "",
            name: input.name,
            kind: input.kind,
            description: input.description ?? null,
            languages: input.languages ?? [],
            areaId: areaId ?? null,
            outreachStatus: input.outreachStatus ?? "ENGAGED",
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "stakeholder.create",
          entityType: "Stakeholder",
          entityId: row.id,
          after: { name: row.name, kind: row.kind },
        });
        return { id: row.id };
      });
    },
  }),
);

const UpdateStakeholderInput = builder.inputType("UpdateStakeholderInput", {
  validate: z.looseObject({ ...stakeholderFields, name: stakeholderFields.name.nullish(), expectedVersion }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    name: t.string({ required: false }),
    kind: t.field({ type: StakeholderKind, required: false }),
    description: t.string({ required: false }),
    languages: t.stringList({ required: false }),
    areaId: t.id({ required: false, description: "Null clears the area." }),
    outreachStatus: t.field({ type: OutreachStatus, required: false }),
    archived: t.boolean({ required: false }),
  }),
});

builder.mutationField("updateStakeholder", (t) =>
  t.field({
    type: StakeholderPayload,
    authScopes: { role: STAKEHOLDER_EDITORS },
    args: { input: t.arg({ type: UpdateStakeholderInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Stakeholder", input.id, "input.id");
      const areaId = optionalIdFromInput("OrgUnit", input.areaId, "input.areaId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.id": ["stakeholder", id], "input.areaId": ["orgUnit", areaId] });
        const data = {
          ...(input.name != null && { name: input.name }),
          ...(input.kind != null && { kind: input.kind }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.languages != null && { languages: input.languages }),
          ...(areaId !== undefined && { areaId }),
          ...(input.outreachStatus != null && { outreachStatus: input.outreachStatus }),
          ...(input.archived != null && { archivedAt: input.archived ? new Date() : null }),
        };
        const row = await updateVersioned(tx.stakeholder, id, input.expectedVersion, data, "The stakeholder");
        await recordAuditEvent(tx, ctx, {
          action: "stakeholder.update",
          entityType: "Stakeholder",
          entityId: id,
          after: { fields: Object.keys(data) },
        });
        return { id: row.id };
      });
    },
  }),
);

const ContactInput = builder.inputType("StakeholderContactInput", {
  validate: z.looseObject({
    name: requiredText(200),
    title: optionalText(200).nullish(),
    email: z.email("must be an email address").max(254).nullish(),
    phone: z
      .string()
      .trim()
      .regex(/^[+()\d\s.-]{5,30}$/, "must be a phone number")
      .nullish(),
    preferredLanguage: languageTag.nullish(),
  }),
  fields: (t) => ({
    stakeholderId: t.id({ required: true }),
    name: t.string({ required: true }),
    title: t.string({ required: false }),
    email: t.string({ required: false }),
    phone: t.string({ required: false }),
    preferredLanguage: t.string({ required: false }),
  }),
});

builder.mutationField("addStakeholderContact", (t) =>
  t.field({
    type: StakeholderPayload,
    authScopes: { role: STAKEHOLDER_EDITORS },
    args: { input: t.arg({ type: ContactInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const stakeholderId = idFromInput("Stakeholder", input.stakeholderId, "input.stakeholderId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.stakeholderId": ["stakeholder", stakeholderId] });
        const contact = await tx.stakeholderContact.create({
          data: {
            agencyId: "",
            stakeholderId,
            name: input.name,
            title: input.title ?? null,
            email: input.email ?? null,
            phone: input.phone ?? null,
            preferredLanguage: input.preferredLanguage ?? null,
          },
        });
        // Contact details are personal data: the audit trail names the record, not its content.
        await recordAuditEvent(tx, ctx, {
          action: "stakeholder-contact.create",
          entityType: "StakeholderContact",
          entityId: contact.id,
        });
        return { id: stakeholderId };
      });
    },
  }),
);

builder.mutationField("removeStakeholderContact", (t) =>
  t.field({
    type: StakeholderPayload,
    authScopes: { role: STAKEHOLDER_EDITORS },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = idFromInput("StakeholderContact", args.id, "id");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { id: ["stakeholderContact", id] });
        const contact = await tx.stakeholderContact.delete({ where: { id } });
        await recordAuditEvent(tx, ctx, { action: "stakeholder-contact.delete", entityType: "StakeholderContact", entityId: id });
        return { id: contact.stakeholderId };
      });
    },
  }),
);
