import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Context } from "../context.ts";
import { formatCalendarDate } from "../domain/indicator-csv.ts";
import { badUserInput, conflict } from "../errors.ts";
import { isUniqueViolation } from "./admin-unique-violation.ts";
import { builder } from "./builder.ts";
import { expectedVersion, optionalText, requiredText } from "./inputs/text.ts";
import { assertCanEditPlan, assertCanEditRevision, PLAN_EDITORS } from "./plan-access.ts";
import { missingSectionKeys } from "./plan-required-sections.ts";
import { idFromInput } from "./references.ts";
import { CalendarDate } from "./trend-calendar-date.ts";
import { updateVersioned } from "./versioned-update.ts";

// The plan as of one period (CPP-13: stations update their plan semi-annually). A revision is
// written while DRAFT and frozen once SUBMITTED: what was submitted stays what was submitted.

const RevisionStatus = builder.enumType("RevisionStatus", { values: ["DRAFT", "SUBMITTED"] as const });

export const PlanRevision = builder.prismaNode("PlanRevision", {
  description: "A plan as of one period; editable while DRAFT, final once SUBMITTED.",
  id: { field: "id" },
  // Columns are read as fields ask for them (select mode), not whole rows: dashboards list many.
  select: { id: true },
  authScopes: { member: true },
  fields: (t) => ({
    plan: t.relation("plan"),
    periodStart: t.expose("periodStart", { type: CalendarDate }),
    periodEnd: t.expose("periodEnd", { type: CalendarDate }),
    status: t.expose("status", { type: RevisionStatus }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true }),
    submittedBy: t.relation("submittedBy", { nullable: true }),
    version: t.exposeInt("version"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    sections: t.relation("sections", { description: "Sections in key order.", query: { orderBy: { key: "asc" } } }),
  }),
});

builder.prismaObject("PlanSection", {
  description: "One keyed section of a plan revision, e.g. `community-feedback`.",
  // Columns are read as fields ask for them (select mode), not whole rows: dashboards list many.
  select: { id: true },
  authScopes: { member: true },
  fields: (t) => ({
    key: t.exposeString("key"),
    title: t.exposeString("title"),
    body: t.exposeString("body"),
  }),
});

const PlanRevisionPayload = builder.objectRef<{ id: string }>("PlanRevisionPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    revision: t.prismaField({
      type: PlanRevision,
      resolve: (query, payload, _args, ctx) => ctx.db.planRevision.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const StartPlanRevisionInput = builder.inputType("StartPlanRevisionInput", {
  validate: z
    .looseObject({ periodStart: z.date(), periodEnd: z.date() })
    .refine((input) => input.periodEnd > input.periodStart, { path: ["periodEnd"], message: "must be after periodStart" }),
  fields: (t) => ({
    planId: t.id({ required: true }),
    periodStart: t.field({ type: CalendarDate, required: true }),
    periodEnd: t.field({ type: CalendarDate, required: true }),
    copyPreviousSections: t.boolean({
      required: false,
      defaultValue: true,
      description: "Start from the sections of the revision before this period (the usual semi-annual update).",
    }),
  }),
});

builder.mutationField("startPlanRevision", (t) =>
  t.field({
    type: PlanRevisionPayload,
    authScopes: { role: PLAN_EDITORS },
    description: "Opens a DRAFT revision of a plan for a period; a plan has one revision per period start.",
    args: { input: t.arg({ type: StartPlanRevisionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const planId = idFromInput("Plan", input.planId, "input.planId");
      await assertCanEditPlan(ctx, planId, "input.planId");
      return ctx.db.$transaction(async (tx) => {
        const periodStart = input.periodStart;
        const duplicate = () =>
          conflict(`input.periodStart: the plan already has a revision starting ${formatCalendarDate(periodStart)}.`);
        if (await tx.planRevision.findFirst({ where: { planId, periodStart }, select: { id: true } })) throw duplicate();
        const previous = input.copyPreviousSections
          ? await tx.planRevision.findFirst({
              where: { planId, periodStart: { lt: periodStart } },
              orderBy: { periodStart: "desc" },
              select: { sections: { select: { key: true, title: true, body: true } } },
            })
          : null;
        const row = await tx.planRevision
          .create({ data: { agencyId: "", planId, periodStart, periodEnd: input.periodEnd } })
          .catch((error: unknown) => {
            throw isUniqueViolation(error) ? duplicate() : error; // a concurrent start of the same period
          });
        if (previous?.sections.length) {
          await tx.planSection.createMany({
            data: previous.sections.map((section) => ({ ...section, agencyId: "", revisionId: row.id })),
          });
        }
        await recordAuditEvent(tx, ctx, {
          action: "plan-revision.start",
          entityType: "PlanRevision",
          entityId: row.id,
          after: { planId, periodStart: formatCalendarDate(periodStart), periodEnd: formatCalendarDate(input.periodEnd) },
        });
        return { id: row.id };
      });
    },
  }),
);

const SavePlanSectionInput = builder.inputType("SavePlanSectionInput", {
  validate: z.looseObject({
    expectedVersion,
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{1,60}$/, 'must be 1 to 60 lower-case letters, digits or "-", e.g. community-feedback'),
    title: requiredText(200),
    body: optionalText(20_000),
  }),
  fields: (t) => ({
    revisionId: t.id({ required: true }),
    expectedVersion: t.int({
      required: true,
      description: "The revision version you read; a stale one is refused with CONFLICT.",
    }),
    key: t.string({ required: true, description: "Which section: a slug such as `community-feedback`." }),
    title: t.string({ required: true }),
    body: t.string({ required: true }),
  }),
});

builder.mutationField("savePlanSection", (t) =>
  t.field({
    type: PlanRevisionPayload,
    authScopes: { role: PLAN_EDITORS },
    description: "Writes one section of a DRAFT revision (adds it, or replaces the section with that key).",
    args: { input: t.arg({ type: SavePlanSectionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const revisionId = idFromInput("PlanRevision", input.revisionId, "input.revisionId");
      await assertCanEditRevision(ctx, revisionId, "input.revisionId");
      return ctx.db.$transaction(async (tx) => {
        await draftRevision(tx, revisionId);
        const saved = await updateVersioned(tx.planRevision, revisionId, input.expectedVersion, {}, "The plan revision");
        // A submission committed between the check above and the update: the update still
        // matched if the client sent the submission's version (guessed, never read). Holding
        // the row now, make sure it is still a draft.
        if (saved.status !== "DRAFT") await draftRevision(tx, revisionId);
        const { key, title, body } = input;
        await tx.planSection.upsert({
          where: { revisionId_key: { revisionId, key } },
          create: { agencyId: "", revisionId, key, title, body },
          update: { title, body },
        });
        await recordAuditEvent(tx, ctx, {
          action: "plan-revision.save-section",
          entityType: "PlanRevision",
          entityId: revisionId,
          after: { key },
        });
        return { id: revisionId };
      });
    },
  }),
);

const SubmitPlanRevisionInput = builder.inputType("SubmitPlanRevisionInput", {
  validate: z.looseObject({ expectedVersion }),
  fields: (t) => ({
    revisionId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
  }),
});

builder.mutationField("submitPlanRevision", (t) =>
  t.field({
    type: PlanRevisionPayload,
    authScopes: { role: PLAN_EDITORS },
    description: "Submits a DRAFT revision. Submission is final: the revision cannot change afterwards.",
    args: { input: t.arg({ type: SubmitPlanRevisionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const revisionId = idFromInput("PlanRevision", input.revisionId, "input.revisionId");
      await assertCanEditRevision(ctx, revisionId, "input.revisionId");
      // Read before the transaction, as the profiles' hooks may read through ctx.db. A section
      // saved or a submission made meanwhile bumps the version, so the stale check still holds.
      const revision = await draftRevision(ctx.db, revisionId);
      const sectionKeys = revision.sections.map((section) => section.key);
      const missing = await missingSectionKeys(revision.plan, sectionKeys, ctx);
      if (missing.length > 0) {
        throw badUserInput([
          { field: "input.revisionId", message: `the revision lacks required sections: ${missing.join(", ")}` },
        ]);
      }
      return ctx.db.$transaction(async (tx) => {
        const memberId = ctx.principal.kind === "member" ? ctx.principal.memberId : null;
        await updateVersioned(
          tx.planRevision,
          revisionId,
          input.expectedVersion,
          { status: "SUBMITTED", submittedAt: new Date(), submittedById: memberId },
          "The plan revision",
        );
        await recordAuditEvent(tx, ctx, {
          action: "plan-revision.submit",
          entityType: "PlanRevision",
          entityId: revisionId,
          before: { status: "DRAFT" },
          after: { status: "SUBMITTED" },
        });
        return { id: revisionId };
      });
    },
  }),
);

/** Loads a revision that may still change: a DRAFT (CONFLICT otherwise: submitted revisions are final). */
async function draftRevision(tx: Pick<Context["db"], "planRevision">, revisionId: string) {
  const revision = await tx.planRevision.findUniqueOrThrow({
    where: { id: revisionId },
    select: {
      status: true,
      periodStart: true,
      periodEnd: true,
      plan: { select: { id: true, kind: true, unitId: true } },
      sections: { select: { key: true } },
    },
  });
  if (revision.status === "SUBMITTED") {
    const period = `${formatCalendarDate(revision.periodStart)} to ${formatCalendarDate(revision.periodEnd)}`;
    throw conflict(
      `The plan revision for ${period} was submitted and is final; start a revision for the next period to make changes.`,
      { status: revision.status },
    );
  }
  return revision;
}
