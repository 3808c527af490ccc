import { defineRule, type FindingDraft } from "@roundtable/core";
import { todayOf } from "../coordinator-designations.ts";
import { approvalDueOn, dayAfter, isoDay, reportYear, reportYearOf } from "../report-year.ts";
import { ANNUAL_REPORT_KEY } from "../reports/annual-report-key.ts";
import type { AnnualEngagementReportSettings } from "../settings.ts";

const PROFILE_ID = "annual-engagement-report";
/** How many finished years back the rule looks; older gaps are history, not action items. */
const YEARS_BACK = 5;

/** How a finding names the approver role. */
export function approverName(role: AnnualEngagementReportSettings["approverRole"]): string {
  return role === "CHIEF" ? "the Chief/Sheriff" : `the ${role.toLowerCase().replaceAll("_", " ")}`;
}

/**
 * CE-06: an annual report is prepared and approved by the Chief/Sheriff. Once a report year
 * has ended, its report is a WARNING until approved, and a VIOLATION after `dueMonthDay`.
 * Years that ended before the agency enabled the profile are not asked for.
 */
export const annualReportApproved = defineRule<AnnualEngagementReportSettings>({
  id: "annual-engagement-report.annual-report-approved",
  title: "The annual community engagement report is approved by its due day",
  clauses: ["CE-06", "CE-02"],
  triggers: ["report.*"],
  async evaluate({ db, agency, settings, now }) {
    const enabled = await db.agencyProfile.findFirst({ where: { profileId: PROFILE_ID }, select: { createdAt: true } });
    const enabledOn = todayOf(enabled?.createdAt ?? now);
    const current = reportYearOf(now, settings);
    const findings: FindingDraft[] = [];
    for (let year = current.year - 1; year >= current.year - YEARS_BACK; year--) {
      const period = reportYear(year, settings);
      if (period.end < enabledOn) break;
      const reports = await db.report.findMany({
        where: { templateKey: ANNUAL_REPORT_KEY, periodStart: period.start, unitId: null },
        orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
        select: { id: true, status: true },
      });
      if (reports.some((report) => report.status === "APPROVED" || report.status === "PUBLISHED")) continue;
      const dueAt = approvalDueOn(period, settings);
      const overdue = now >= dayAfter(dueAt);
      const latest = reports[0];
      const state = latest ? `it is ${latest.status.toLowerCase()}` : "no report has been started";
      findings.push({
        key: `annual-report:${period.year}`,
        severity: overdue ? "VIOLATION" : "WARNING",
        subjectType: latest ? "Report" : "Agency",
        subjectId: latest?.id ?? agency.id,
        dueAt,
        message: `The annual community engagement report for ${period.label} ${overdue ? "was" : "is"} due for approval by ${approverName(settings.approverRole)} on ${isoDay(dueAt)}; ${state}.`,
      });
    }
    return findings;
  },
});
