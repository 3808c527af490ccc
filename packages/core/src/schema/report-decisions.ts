import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { hasRole } from "../auth/principal.ts";
import { conflict, forbidden } from "../errors.ts";
import { builder } from "./builder.ts";
import { requiredText } from "./inputs/text.ts";
import { actingMemberId, assertApprover, assertCanPrepare, loadReportForChange, REPORT_ROLES } from "./report-access.ts";
import { ReportPayload } from "./report-editing.ts";

builder.mutationField("submitReport", (t) =>
  t.field({
    type: ReportPayload,
    description: "Hands the current version to the approver: DRAFT or RETURNED -> SUBMITTED.",
    authScopes: { role: REPORT_ROLES },
    args: { reportId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { report, entry } = await loadReportForChange(ctx, args.reportId, "reportId");
      await assertCanPrepare(ctx, entry, report.unitId);
      if (report.status !== "DRAFT" && report.status !== "RETURNED") {
        throw conflict(`The report is ${report.status}; only a draft or a returned report can be submitted.`);
      }
      return ctx.db.$transaction(async (tx) => {
        const { count } = await tx.report.updateMany({
          where: { id: report.id, status: report.status, currentVersion: report.currentVersion },
          data: { status: "SUBMITTED", version: { increment: 1 } },
        });
        if (count === 0) throw conflict("The report was changed meanwhile. Reload it and try again.");
        await recordAuditEvent(tx, ctx, {
          action: "report.submit",
          entityType: "Report",
          entityId: report.id,
          after: { version: report.currentVersion },
        });
        return { id: report.id };
      });
    },
  }),
);

const ApproveReportInput = builder.inputType("ApproveReportInput", {
  fields: (t) => ({
    reportId: t.id({ required: true }),
    versionNumber: t.int({
      required: true,
      description: "The version you read and approve; a stale one is refused with CONFLICT.",
    }),
  }),
});

builder.mutationField("approveReport", (t) =>
  t.field({
    type: ReportPayload,
    description:
      "Approves the submitted version, recording approver, time, version and content hash. The approver role comes from the template (and the profile's settings).",
    authScopes: { role: REPORT_ROLES },
    args: { input: t.arg({ type: ApproveReportInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { report, entry } = await loadReportForChange(ctx, input.reportId, "input.reportId");
      assertApprover(ctx, entry);
      const memberId = actingMemberId(ctx);
      if (entry.template.approverMustDiffer) {
        const authored = await ctx.db.reportVersion.count({
          where: { reportId: report.id, number: input.versionNumber, createdById: memberId },
        });
        if (report.preparedById === memberId || authored > 0) {
          throw forbidden("You prepared this report; the policy requires another person to approve it.");
        }
      }
      if (report.status === "APPROVED" || report.status === "PUBLISHED") {
        throw conflict(`The report is already ${report.status} (version ${report.currentVersion}).`);
      }
      if (report.status !== "SUBMITTED")
        throw conflict(`The report is ${report.status}; it must be submitted before it can be approved.`);
      if (input.versionNumber !== report.currentVersion) {
        throw conflict(
          `You approved version ${input.versionNumber}, but the report is at version ${report.currentVersion}. Read it again.`,
          {
            currentVersion: report.currentVersion,
          },
        );
      }
      const version = await ctx.db.reportVersion.findUniqueOrThrow({
        where: { reportId_number: { reportId: report.id, number: input.versionNumber } },
        select: { contentHash: true },
      });
      return ctx.db.$transaction(async (tx) => {
        // Approves only what was read: an edit or another approval in between leaves no row to update.
        const { count } = await tx.report.updateMany({
          where: { id: report.id, status: "SUBMITTED", currentVersion: input.versionNumber },
          data: { status: "APPROVED", version: { increment: 1 } },
        });
        if (count === 0) throw conflict("The report changed while you were approving it. Read it again.");
        await tx.reportDecision.create({
          data: {
            agencyId: "",
            reportId: report.id,
            versionNumber: input.versionNumber,
            contentHash: version.contentHash,
            decision: "APPROVED",
            deciderId: memberId,
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "report.approve",
          entityType: "Report",
          entityId: report.id,
          after: { version: input.versionNumber, contentHash: version.contentHash },
        });
        return { id: report.id };
      });
    },
  }),
);

const ReturnReportInput = builder.inputType("ReturnReportInput", {
  validate: z.looseObject({ comment: requiredText(4000) }),
  fields: (t) => ({
    reportId: t.id({ required: true }),
    comment: t.string({ required: true, description: "What the preparer should change." }),
  }),
});

builder.mutationField("returnReport", (t) =>
  t.field({
    type: ReportPayload,
    description: "Sends the submitted version back to the preparer with comments: SUBMITTED -> RETURNED.",
    authScopes: { role: REPORT_ROLES },
    args: { input: t.arg({ type: ReturnReportInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { report, entry } = await loadReportForChange(ctx, input.reportId, "input.reportId");
      assertApprover(ctx, entry);
      const memberId = actingMemberId(ctx);
      if (report.status !== "SUBMITTED")
        throw conflict(`The report is ${report.status}; only a submitted report can be returned.`);
      const version = await ctx.db.reportVersion.findUniqueOrThrow({
        where: { reportId_number: { reportId: report.id, number: report.currentVersion } },
        select: { contentHash: true },
      });
      return ctx.db.$transaction(async (tx) => {
        const { count } = await tx.report.updateMany({
          where: { id: report.id, status: "SUBMITTED", currentVersion: report.currentVersion },
          data: { status: "RETURNED", version: { increment: 1 } },
        });
        if (count === 0) throw conflict("The report changed meanwhile. Read it again.");
        await tx.reportDecision.create({
          data: {
            agencyId: "",
            reportId: report.id,
            versionNumber: report.currentVersion,
            contentHash: version.contentHash,
            decision: "RETURNED",
            comment: input.comment,
            deciderId: memberId,
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "report.return",
          entityType: "Report",
          entityId: report.id,
          after: { version: report.currentVersion },
        });
        return { id: report.id };
      });
    },
  }),
);

builder.mutationField("publishReport", (t) =>
  t.field({
    type: ReportPayload,
    description:
      "Shares the approved version with the community (publicAgency, open data): APPROVED -> PUBLISHED. Anything not approved is FORBIDDEN.",
    authScopes: { role: REPORT_ROLES },
    args: { reportId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { report, entry } = await loadReportForChange(ctx, args.reportId, "reportId");
      if (!hasRole(ctx.principal, entry.approverRole)) await assertCanPrepare(ctx, entry, report.unitId);
      if (report.status !== "APPROVED") {
        throw forbidden(`Only an approved report can be published; this one is ${report.status}.`);
      }
      return ctx.db.$transaction(async (tx) => {
        const { count } = await tx.report.updateMany({
          where: { id: report.id, status: "APPROVED", currentVersion: report.currentVersion },
          data: { status: "PUBLISHED", publishedAt: new Date(), version: { increment: 1 } },
        });
        if (count === 0) throw forbidden("The report is no longer approved; only an approved report can be published.");
        await recordAuditEvent(tx, ctx, {
          action: "report.publish",
          entityType: "Report",
          entityId: report.id,
          after: { version: report.currentVersion },
        });
        return { id: report.id };
      });
    },
  }),
);
