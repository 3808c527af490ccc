import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Context } from "../context.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";
import { expectedVersion, requiredText } from "./inputs/text.ts";
import { assertCanEditProblem, assertCanEditResponse, PROBLEM_EDITORS } from "./problem-access.ts";
import { idFromInput, requireRows } from "./references.ts";
import { Stakeholder } from "./stakeholder.ts";
import { CalendarDate } from "./trend-calendar-date.ts";
import { updateVersioned } from "./versioned-update.ts";

// What a unit does about a problem. Prevention comes before enforcement where it can (CPP-09),
// partners are the stakeholders who take part, and every response and every change to one
// says whether results or community input drove it (CPP-16), so `basis` is always required.

/** How a problem's responses are ordered wherever they are loaded (one order, one shared load). */
export const RESPONSE_ORDER = { orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] };

const MAX_PARTNERS = 50;

const ResponseKind = builder.enumType("ResponseKind", {
  values: ["PREVENTION", "ENFORCEMENT", "PARTNERSHIP", "EDUCATION", "ENVIRONMENTAL_DESIGN", "OTHER"] as const,
});

const ResponseBasis = builder.enumType("ResponseBasis", {
  description: "What drove the response or its latest change (CPP-16).",
  values: ["RESULT_BASED", "COMMUNITY_INPUT_BASED"] as const,
});

const ResponseStatus = builder.enumType("ResponseStatus", {
  values: ["PLANNED", "ACTIVE", "COMPLETED", "DISCONTINUED"] as const,
});

export const ProblemResponse = builder.prismaNode("ProblemResponse", {
  description: "A planned or running response to a problem.",
  id: { field: "id" },
  // Columns are read as fields ask for them (select mode), not whole rows: dashboards list many.
  select: { id: true },
  authScopes: { member: true },
  fields: (t) => ({
    problem: t.relation("problem"),
    description: t.exposeString("description"),
    kind: t.expose("kind", { type: ResponseKind }),
    basis: t.expose("basis", { type: ResponseBasis }),
    status: t.expose("status", { type: ResponseStatus }),
    startedOn: t.expose("startedOn", { type: CalendarDate, nullable: true }),
    endedOn: t.expose("endedOn", { type: CalendarDate, nullable: true }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    partners: t.field({
      type: [Stakeholder],
      description: "The stakeholders taking part, by name.",
      // Through the join table, planned into the parent's query like a relation.
      select: (_args, _ctx, nestedSelection) => ({
        partners: { orderBy: { stakeholder: { name: "asc" } }, select: { stakeholder: nestedSelection() } },
      }),
      resolve: (response) => response.partners.map((partner) => partner.stakeholder),
    }),
  }),
});

const ProblemResponsePayload = builder.objectRef<{ id: string }>("ProblemResponsePayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    response: t.prismaField({
      type: ProblemResponse,
      resolve: (query, payload, _args, ctx) => ctx.db.problemResponse.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const ENDS_BEFORE_START = "must not be before startedOn";

const AddProblemResponseInput = builder.inputType("AddProblemResponseInput", {
  validate: z
    .looseObject({
      description: requiredText(4000),
      startedOn: z.date().nullish(),
      endedOn: z.date().nullish(),
      partnerIds: z.array(z.string()).max(MAX_PARTNERS, `must list at most ${MAX_PARTNERS} partners`).nullish(),
    })
    .refine((input) => !input.startedOn || !input.endedOn || input.endedOn >= input.startedOn, {
      path: ["endedOn"],
      message: ENDS_BEFORE_START,
      when: () => true, // reported together with any other bad field
    }),
  fields: (t) => ({
    problemId: t.id({ required: true }),
    description: t.string({ required: true }),
    kind: t.field({ type: ResponseKind, required: true }),
    basis: t.field({ type: ResponseBasis, required: true }),
    status: t.field({ type: ResponseStatus, required: false, description: "Defaults to PLANNED." }),
    startedOn: t.field({ type: CalendarDate, required: false }),
    endedOn: t.field({ type: CalendarDate, required: false }),
    partnerIds: t.idList({ required: false, description: "Stakeholders taking part." }),
  }),
});

builder.mutationField("addProblemResponse", (t) =>
  t.field({
    type: ProblemResponsePayload,
    authScopes: { role: PROBLEM_EDITORS },
    args: { input: t.arg({ type: AddProblemResponseInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const problemId = idFromInput("Problem", input.problemId, "input.problemId");
      const partners = partnersFromInput(input.partnerIds ?? [], "input.partnerIds");
      const stakeholderIds = [...partners.keys()];
      await assertCanEditProblem(ctx, problemId, "input.problemId");
      return ctx.db.$transaction(async (tx) => {
        await requirePartners(tx, partners);
        const row = await tx.problemResponse.create({
          data: {
            agencyId: "",
            problemId,
            description: input.description,
            kind: input.kind,
            basis: input.basis,
            status: input.status ?? "PLANNED",
            startedOn: input.startedOn ?? null,
            endedOn: input.endedOn ?? null,
          },
        });
        await replacePartners(tx, row.id, stakeholderIds);
        await recordAuditEvent(tx, ctx, {
          action: "problem-response.create",
          entityType: "ProblemResponse",
          entityId: row.id,
          after: { problemId, kind: row.kind, basis: row.basis, status: row.status, partnerCount: stakeholderIds.length },
        });
        return { id: row.id };
      });
    },
  }),
);

const UpdateProblemResponseInput = builder.inputType("UpdateProblemResponseInput", {
  validate: z.looseObject({ expectedVersion, description: requiredText(4000).nullish() }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    basis: t.field({ type: ResponseBasis, required: true, description: "Why this change: results or community input (CPP-16)." }),
    description: t.string({ required: false }),
    kind: t.field({ type: ResponseKind, required: false }),
    status: t.field({ type: ResponseStatus, required: false }),
    startedOn: t.field({ type: CalendarDate, required: false, description: "Null clears it." }),
    endedOn: t.field({ type: CalendarDate, required: false, description: "Null clears it." }),
  }),
});

builder.mutationField("updateProblemResponse", (t) =>
  t.field({
    type: ProblemResponsePayload,
    authScopes: { role: PROBLEM_EDITORS },
    args: { input: t.arg({ type: UpdateProblemResponseInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("ProblemResponse", input.id, "input.id");
      await assertCanEditResponse(ctx, id, "input.id");
      return ctx.db.$transaction(async (tx) => {
        const current = await tx.problemResponse.findUniqueOrThrow({
          where: { id },
          select: { kind: true, status: true, startedOn: true, endedOn: true },
        });
        const startedOn = input.startedOn !== undefined ? input.startedOn : current.startedOn;
        const endedOn = input.endedOn !== undefined ? input.endedOn : current.endedOn;
        if (startedOn && endedOn && endedOn < startedOn)
          throw badUserInput([{ field: "input.endedOn", message: ENDS_BEFORE_START }]);
        const data = {
          basis: input.basis,
          ...(input.description != null && { description: input.description }),
          ...(input.kind != null && { kind: input.kind }),
          ...(input.status != null && { status: input.status }),
          ...(input.startedOn !== undefined && { startedOn: input.startedOn }),
          ...(input.endedOn !== undefined && { endedOn: input.endedOn }),
        };
        await updateVersioned(tx.problemResponse, id, input.expectedVersion, data, "The response");
        await recordAuditEvent(tx, ctx, {
          action: "problem-response.update",
          entityType: "ProblemResponse",
          entityId: id,
          before: { kind: current.kind, status: current.status },
          after: { basis: input.basis, fields: Object.keys(data) },
        });
        return { id };
      });
    },
  }),
);

const SetResponsePartnersInput = builder.inputType("SetResponsePartnersInput", {
  validate: z.looseObject({
    stakeholderIds: z.array(z.string()).max(MAX_PARTNERS, `must list at most ${MAX_PARTNERS} partners`),
  }),
  fields: (t) => ({
    responseId: t.id({ required: true }),
    stakeholderIds: t.idList({ required: true, description: "The complete list of partners; [] removes them all." }),
  }),
});

builder.mutationField("setResponsePartners", (t) =>
  t.field({
    type: ProblemResponsePayload,
    authScopes: { role: PROBLEM_EDITORS },
    description: "Replaces the stakeholders taking part in a response.",
    args: { input: t.arg({ type: SetResponsePartnersInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("ProblemResponse", input.responseId, "input.responseId");
      const partners = partnersFromInput(input.stakeholderIds, "input.stakeholderIds");
      const stakeholderIds = [...partners.keys()];
      await assertCanEditResponse(ctx, id, "input.responseId");
      return ctx.db.$transaction(async (tx) => {
        await requirePartners(tx, partners);
        await replacePartners(tx, id, stakeholderIds);
        await recordAuditEvent(tx, ctx, {
          action: "problem-response.set-partners",
          entityType: "ProblemResponse",
          entityId: id,
          after: { stakeholderIds },
        });
        return { id };
      });
    },
  }),
);

type ResponseDb = Pick<Context["db"], "responsePartner" | "stakeholder">;

/**
 * Stakeholder row ids from global IDs, each checked to be a Stakeholder ID, keyed to the
 * field that named it first (`<field>.<index>`), so a missing one is reported where it was sent.
 */
function partnersFromInput(globalIds: readonly (string | number)[], field: string): Map<string, string> {
  const partners = new Map<string, string>();
  globalIds.forEach((globalId, index) => {
    const id = idFromInput("Stakeholder", String(globalId), `${field}.${index}`);
    if (!partners.has(id)) partners.set(id, `${field}.${index}`);
  });
  return partners;
}

/** Every partner must be a stakeholder of the agency: another agency's reads as missing (NOT_FOUND). */
async function requirePartners(db: ResponseDb, partners: Map<string, string>): Promise<void> {
  await requireRows(db, Object.fromEntries([...partners].map(([id, field]) => [field, ["stakeholder", id] as [string, string]])));
}

async function replacePartners(db: ResponseDb, responseId: string, stakeholderIds: string[]): Promise<void> {
  await db.responsePartner.deleteMany({ where: { responseId } });
  if (stakeholderIds.length === 0) return;
  await db.responsePartner.createMany({
    data: stakeholderIds.map((stakeholderId) => ({ agencyId: "", responseId, stakeholderId })),
  });
}
