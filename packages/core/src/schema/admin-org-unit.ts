import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Context } from "../context.ts";
import { badUserInput, conflict } from "../errors.ts";
import { OrgUnitKindRef } from "./admin-enum-refs.ts";
import { AGENCY_ADMINISTRATORS } from "./admin-roles.ts";
import { isUniqueViolation } from "./admin-unique-violation.ts";
import { builder } from "./builder.ts";
import { expectedVersion, optionalText, requiredText } from "./inputs/text.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";

builder.prismaObjectFields("OrgUnit", (t) => ({
  version: t.exposeInt("version"),
  updatedAt: t.expose("updatedAt", { type: "DateTime" }),
}));

const OrgUnitFilter = builder.inputType("OrgUnitFilter", {
  fields: (t) => ({
    kind: t.field({ type: OrgUnitKindRef, required: false }),
    parentId: t.id({ required: false, description: "Only the direct children of this unit." }),
    topLevel: t.boolean({ required: false, description: "Only units without a parent." }),
    search: t.string({ required: false, description: "Part of the name or code, any case.", validate: optionalText(100) }),
  }),
});

builder.queryField("orgUnits", (t) =>
  t.prismaConnection({
    type: "OrgUnit",
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's stations, divisions and units, by name.",
    args: { filter: t.arg({ type: OrgUnitFilter, required: false }) },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.orgUnit.count({ where: orgUnitWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.orgUnit.findMany({ ...query, where: orgUnitWhere(args.filter), orderBy: [{ name: "asc" }, { id: "asc" }] }),
      ),
  }),
);

function orgUnitWhere(filter: typeof OrgUnitFilter.$inferInput | null | undefined): Prisma.OrgUnitWhereInput {
  return {
    ...(filter?.kind ? { kind: filter.kind } : {}),
    ...(filter?.parentId ? { parentId: idFromInput("OrgUnit", filter.parentId, "filter.parentId") } : {}),
    ...(filter?.topLevel ? { parentId: null } : {}),
    ...(filter?.search
      ? {
          OR: [
            { name: { contains: filter.search, mode: "insensitive" as const } },
            { code: { contains: filter.search, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
}

const OrgUnitPayload = builder.objectRef<{ id: string }>("OrgUnitPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    orgUnit: t.prismaField({
      type: "OrgUnit",
      resolve: (query, payload, _args, ctx) => ctx.db.orgUnit.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

/** Checked as a whole so that every bad field is reported at once, not just the first. */
const orgUnitFields = {
  name: requiredText(200),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{0,20}$/, "must be at most 20 letters, digits or dashes")
    .nullish(),
};

const CreateOrgUnitInput = builder.inputType("CreateOrgUnitInput", {
  validate: z.looseObject(orgUnitFields),
  fields: (t) => ({
    name: t.string({ required: true, description: "Unique in the agency." }),
    kind: t.field({ type: OrgUnitKindRef, required: true }),
    code: t.string({ required: false, description: 'A short code such as "ES", used by CSV imports.' }),
    parentId: t.id({ required: false }),
    commanderId: t.id({ required: false, description: "A member of the agency; their roles are not changed." }),
  }),
});

builder.mutationField("createOrgUnit", (t) =>
  t.field({
    type: OrgUnitPayload,
    authScopes: { role: AGENCY_ADMINISTRATORS },
    args: { input: t.arg({ type: CreateOrgUnitInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const parentId = optionalIdFromInput("OrgUnit", input.parentId, "input.parentId");
      const commanderId = optionalIdFromInput("Member", input.commanderId, "input.commanderId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.parentId": ["orgUnit", parentId], "input.commanderId": ["member", commanderId] });
        await assertCommanderEnabled(tx, commanderId);
        await assertNameFree(tx, input.name, null);
        const row = await tx.orgUnit
          .create({
            data: {
              agencyId: "",
              name: input.name,
              kind: input.kind,
              code: input.code || null,
              parentId: parentId ?? null,
              commanderId: commanderId ?? null,
            },
          })
          .catch(rethrowNameTaken(input.name));
        await recordAuditEvent(tx, ctx, {
          action: "org-unit.create",
          entityType: "OrgUnit",
          entityId: row.id,
          after: { name: row.name, kind: row.kind, code: row.code, parentId: row.parentId, commanderId: row.commanderId },
        });
        return { id: row.id };
      });
    },
  }),
);

const UpdateOrgUnitInput = builder.inputType("UpdateOrgUnitInput", {
  validate: z.looseObject({ ...orgUnitFields, name: orgUnitFields.name.nullish(), expectedVersion }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    name: t.string({ required: false }),
    kind: t.field({ type: OrgUnitKindRef, required: false }),
    code: t.string({ required: false, description: "Null or empty clears the code." }),
    parentId: t.id({ required: false, description: "Null makes the unit top-level." }),
    commanderId: t.id({ required: false, description: "Null leaves the unit without a commander." }),
  }),
});

builder.mutationField("updateOrgUnit", (t) =>
  t.field({
    type: OrgUnitPayload,
    authScopes: { role: AGENCY_ADMINISTRATORS },
    args: { input: t.arg({ type: UpdateOrgUnitInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("OrgUnit", input.id, "input.id");
      const parentId = optionalIdFromInput("OrgUnit", input.parentId, "input.parentId");
      const commanderId = optionalIdFromInput("Member", input.commanderId, "input.commanderId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, {
          "input.id": ["orgUnit", id],
          "input.parentId": ["orgUnit", parentId],
          "input.commanderId": ["member", commanderId],
        });
        if (parentId) await assertNoCycle(tx, id, parentId);
        await assertCommanderEnabled(tx, commanderId);
        if (input.name != null) await assertNameFree(tx, input.name, id);
        const data = {
          ...(input.name != null && { name: input.name }),
          ...(input.kind != null && { kind: input.kind }),
          ...(input.code !== undefined && { code: input.code || null }),
          ...(parentId !== undefined && { parentId }),
          ...(commanderId !== undefined && { commanderId }),
        };
        const row = await updateVersioned(tx.orgUnit, id, input.expectedVersion, data, "The unit").catch(
          rethrowNameTaken(input.name ?? ""),
        );
        await recordAuditEvent(tx, ctx, {
          action: "org-unit.update",
          entityType: "OrgUnit",
          entityId: id,
          after: { fields: Object.keys(data), parentId: row.parentId, commanderId: row.commanderId },
        });
        return { id };
      });
    },
  }),
);

type UnitDb = Pick<Context["db"], "orgUnit" | "member">;

const nameTaken = (name: string) => {
  const message = `another unit is already called ${name}`;
  return conflict(`input.name: ${message}`, { fields: [{ field: "input.name", message }] });
};

/** Names are unique per agency; "harbor station" and "Harbor Station" would only confuse. */
async function assertNameFree(db: UnitDb, name: string, exceptId: string | null): Promise<void> {
  const same = await db.orgUnit.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (same) throw nameTaken(name);
}

/** The unique index still guards against a concurrent insert the check could not see. */
const rethrowNameTaken = (name: string) => (error: unknown) => {
  throw isUniqueViolation(error) ? nameTaken(name) : error;
};

/** Walks up from the new parent: reaching the unit itself means it would become its own ancestor. */
async function assertNoCycle(db: UnitDb, unitId: string, parentId: string): Promise<void> {
  const parents = new Map(
    (await db.orgUnit.findMany({ select: { id: true, parentId: true } })).map((unit) => [unit.id, unit.parentId]),
  );
  const seen = new Set<string>();
  for (let current: string | null | undefined = parentId; current && !seen.has(current); current = parents.get(current)) {
    if (current === unitId) throw badUserInput([{ field: "input.parentId", message: "would make a cycle" }]);
    seen.add(current);
  }
}

async function assertCommanderEnabled(db: UnitDb, commanderId: string | null | undefined): Promise<void> {
  if (!commanderId) return;
  const commander = await db.member.findUnique({ where: { id: commanderId }, select: { disabledAt: true } });
  if (commander?.disabledAt) throw badUserInput([{ field: "input.commanderId", message: "is disabled" }]);
}
