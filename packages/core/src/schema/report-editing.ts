import type { ReportStatus } from "@roundtable/db";
import { z } from "zod";
import { lockAgencyRow } from "../audit/lock-agency-row.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Context } from "../context.ts";
import { badUserInput, conflict } from "../errors.ts";
import { findTemplate } from "../reports/available-templates.ts";
import { buildReportSections } from "../reports/build-report-sections.ts";
import { contentHash } from "../reports/content-hash.ts";
import { periodEnd, periodLabel } from "../reports/report-period.ts";
import type { ReportSectionContent } from "../reports/report-template.ts";
import { sectionsOf } from "../reports/report-versions.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { builder } from "./builder.ts";
import { expectedVersion, optionalText, requiredText } from "./inputs/text.ts";
import { optionalIdFromInput, requireRows } from "./references.ts";
import { actingMemberId, assertCanPrepare, loadReportForChange, REPORT_ROLES } from "./report-access.ts";
import { Report } from "./report-node.ts";
import { CalendarDate } from "./trend-calendar-date.ts";

/** What every report mutation answers: the report, as it is after the change. */
export const ReportPayload = builder.objectRef<{ id: string }>("ReportPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    report: t.prismaField({
      type: Report,
      resolve: (query, payload, _args, ctx) => ctx.db.report.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const CreateReportInput = builder.inputType("CreateReportInput", {
  validate: z.looseObject({ templateKey: requiredText(120) }),
  fields: (t) => ({
    templateKey: t.string({ required: true, description: "A key from `reportTemplates`." }),
    periodStart: t.field({
      type: CalendarDate,
      required: true,
      description: "First day of the period; the template's period sets the end.",
    }),
    unitId: t.id({
      required: false,
      description: "Required for per-unit templates (a station's plan update), refused otherwise.",
    }),
  }),
});

builder.mutationField("createReport", (t) =>
  t.field({
    type: ReportPayload,
    description: "Builds version 1 of a report by running every section builder of the template.",
    authScopes: { role: REPORT_ROLES },
    args: { input: t.arg({ type: CreateReportInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const entry = await findTemplate(ctx.profiles, input.templateKey);
      if (!entry) {
        throw badUserInput([{ field: "input.templateKey", message: "is not a template of a profile your agency enabled" }]);
      }
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId") ?? null;
      if (entry.template.perUnit && !unitId)
        throw badUserInput([{ field: "input.unitId", message: "this report is per unit; name the unit" }]);
      if (!entry.template.perUnit && unitId)
        throw badUserInput([{ field: "input.unitId", message: "this report covers the whole agency; leave it out" }]);
      await requireRows(ctx.db, { "input.unitId": ["orgUnit", unitId] });
      await assertCanPrepare(ctx, entry, unitId);
      const memberId = actingMemberId(ctx);
      const start = input.periodStart;
      const end = periodEnd(start, entry.template.period);
      const existing = (db: Pick<TenantDb, "report">) =>
        db.report.findFirst({ where: { templateKey: entry.template.key, periodStart: start, unitId }, select: { id: true } });
      const duplicate = () => conflict("A report of this template for this period and unit already exists; edit or rebuild it.");
      // Checked here to refuse before building the sections, and again under the lock below.
      if (await existing(ctx.db)) throw duplicate();
      const agency = await ctx.db.agency.findFirstOrThrow({ select: { id: true, slug: true, name: true, timeZone: true } });
      const unit = unitId ? await ctx.db.orgUnit.findUnique({ where: { id: unitId }, select: { name: true } }) : null;
      const sections = await buildReportSections(entry, { db: ctx.db, agency, period: { start, end }, unitId, now: new Date() });
      const title = [entry.template.title, unit?.name, periodLabel(start, end)].filter(Boolean).join(" — ");
      return ctx.db.$transaction(async (tx) => {
        // No unique index covers (template, period, unit) with a null unit, so concurrent
        // creations of one report are serialised on the agency row and the check repeated.
        await lockAgencyRow(tx);
        if (await existing(tx)) throw duplicate();
        const report = await tx.report.create({
          data: {
            agencyId: "",
            profileId: entry.profileId,
            templateKey: entry.template.key,
            title,
            periodStart: start,
            periodEnd: end,
            unitId,
            preparedById: memberId,
          },
        });
        await tx.reportVersion.create({
          data: {
            agencyId: "",
            reportId: report.id,
            number: 1,
            sections: sections as never,
            contentHash: contentHash(sections),
            createdById: memberId,
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "report.create",
          entityType: "Report",
          entityId: report.id,
          after: { templateKey: report.templateKey, periodStart: start.toISOString().slice(0, 10), version: 1 },
        });
        return { id: report.id };
      });
    },
  }),
);

const UpdateReportSectionInput = builder.inputType("UpdateReportSectionInput", {
  validate: z.looseObject({ expectedVersion, key: requiredText(100), body: optionalText(50_000) }),
  fields: (t) => ({
    reportId: t.id({ required: true }),
    expectedVersion: t.int({
      required: true,
      description: "The version number you edited; a stale one is refused with CONFLICT.",
    }),
    key: t.string({ required: true, description: "The section's key." }),
    body: t.string({ required: true, description: "The section's new Markdown." }),
  }),
});

builder.mutationField("updateReportSection", (t) =>
  t.field({
    type: ReportPayload,
    description:
      "Edits one section. Every edit creates a new version, so approved content never changes; the report returns to DRAFT.",
    authScopes: { role: REPORT_ROLES },
    args: { input: t.arg({ type: UpdateReportSectionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { report, entry } = await loadReportForChange(ctx, input.reportId, "input.reportId");
      await assertCanPrepare(ctx, entry, report.unitId);
      const base = await baseVersion(ctx, report.id, input.expectedVersion, report.currentVersion);
      const sections = sectionsOf(base);
      if (!sections.some((section) => section.key === input.key)) {
        throw badUserInput([{ field: "input.key", message: `the report has no section "${input.key}"` }]);
      }
      const next = sections.map((section) => (section.key === input.key ? { ...section, body: input.body } : section));
      return storeNewVersion(ctx, report, input.expectedVersion, next, {
        action: "report.update-section",
        section: input.key,
      });
    },
  }),
);

const RebuildReportInput = builder.inputType("RebuildReportInput", {
  validate: z.looseObject({ expectedVersion }),
  fields: (t) => ({ reportId: t.id({ required: true }), expectedVersion: t.int({ required: true }) }),
});

builder.mutationField("rebuildReport", (t) =>
  t.field({
    type: ReportPayload,
    description: "Runs the section builders again on today's data into a new version (edits to section text are replaced).",
    authScopes: { role: REPORT_ROLES },
    args: { input: t.arg({ type: RebuildReportInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { report, entry } = await loadReportForChange(ctx, input.reportId, "input.reportId");
      await assertCanPrepare(ctx, entry, report.unitId);
      await baseVersion(ctx, report.id, input.expectedVersion, report.currentVersion);
      const agency = await ctx.db.agency.findFirstOrThrow({ select: { id: true, slug: true, name: true, timeZone: true } });
      const sections = await buildReportSections(entry, {
        db: ctx.db,
        agency,
        period: { start: report.periodStart, end: report.periodEnd },
        unitId: report.unitId,
        now: new Date(),
      });
      return storeNewVersion(ctx, report, input.expectedVersion, sections, { action: "report.rebuild" });
    },
  }),
);

async function baseVersion(ctx: Context, reportId: string, expected: number, current: number) {
  if (expected !== current) throw staleVersion(expected, current);
  return ctx.db.reportVersion.findUniqueOrThrow({ where: { reportId_number: { reportId, number: expected } } });
}

function staleVersion(expected: number, current: number) {
  return conflict(`The report is at version ${current}, you sent ${expected}. Reload it and try again.`, {
    currentVersion: current,
  });
}

/**
 * Appends version `expected + 1` and moves the report back to DRAFT, only if nobody else
 * moved it past `expected` meanwhile; earlier versions, approved ones included, stay as they were.
 *
 * The report must also still be in the status the editor read. An approval (or submission,
 * return, publication) of `expected` that commits first does not change `currentVersion`;
 * without this condition the edit would still apply and silently undo that decision, so
 * both racing requests would be told they succeeded (DI-03). Now the later one is refused.
 */
async function storeNewVersion(
  ctx: Context,
  read: { id: string; status: ReportStatus },
  expected: number,
  sections: ReportSectionContent[],
  audit: { action: string; section?: string },
) {
  const reportId = read.id;
  const memberId = actingMemberId(ctx);
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.report.updateMany({
      where: { id: reportId, currentVersion: expected, status: read.status },
      data: { currentVersion: expected + 1, status: "DRAFT", version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { currentVersion: true, status: true } });
      if (now.currentVersion !== expected) throw staleVersion(expected, now.currentVersion);
      throw conflict(
        `The report became ${now.status} while you were editing version ${expected}. Reload it and edit again if it still needs changes.`,
        { currentVersion: now.currentVersion, status: now.status },
      );
    }
    await tx.reportVersion.create({
      data: {
        agencyId: "",
        reportId,
        number: expected + 1,
        sections: sections as never,
        contentHash: contentHash(sections),
        createdById: memberId,
      },
    });
    // Section text is not copied into the audit trail: it can quote the community.
    await recordAuditEvent(tx, ctx, {
      action: audit.action,
      entityType: "Report",
      entityId: reportId,
      after: { version: expected + 1, ...(audit.section ? { section: audit.section } : {}) },
    });
    return { id: reportId };
  });
}
