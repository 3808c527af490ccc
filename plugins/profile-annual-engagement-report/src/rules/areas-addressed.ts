import { defineRule, type FindingDraft } from "@roundtable/core";
import { reportYearOf } from "../report-year.ts";
import type { AnnualEngagementReportSettings } from "../settings.ts";
import { inEffectDuring } from "../strategies-in-year.ts";
import { areaName, categoriesOf, ENGAGEMENT_AREAS } from "../taxonomy.ts";

/**
 * CE-04: strategies "may address" areas a-i, so an area is not required; but an area the
 * current report year leaves without an active or completed strategy must have a recorded
 * reason, which the annual report then shows. One WARNING per such area.
 */
export const areasAddressed = defineRule<AnnualEngagementReportSettings>({
  id: "annual-engagement-report.areas-addressed",
  title: "Each engagement area a-i has a strategy this year, or a recorded reason why not",
  clauses: ["CE-04", ...ENGAGEMENT_AREAS.map((area) => area.clause), "CE-03"],
  triggers: ["strategy.*", "strategy-area-reason.*"],
  async evaluate({ db, agency, settings, now }) {
    if (!settings.requireReasonForEmptyAreas) return [];
    const period = reportYearOf(now, settings);
    const [strategies, reasons] = await Promise.all([
      db.engagementStrategy.findMany({
        where: { ...inEffectDuring(period), status: { in: ["ACTIVE", "COMPLETED"] } },
        select: { category: true },
      }),
      db.strategyAreaReason.findMany({ where: { year: period.year }, select: { categoryKey: true } }),
    ]);
    const addressed = new Set(strategies.map((strategy) => strategy.category));
    const explained = new Set(reasons.map((reason) => reason.categoryKey));
    const findings: FindingDraft[] = [];
    for (const area of ENGAGEMENT_AREAS) {
      if (explained.has(area.key) || categoriesOf(area).some((category) => addressed.has(category))) continue;
      findings.push({
        key: `area:${area.key}:${period.year}`,
        severity: "WARNING",
        subjectType: "Agency",
        subjectId: agency.id,
        message: `No active or completed strategy addresses area ${areaName(area)} in ${period.label}, and no reason is recorded.`,
      });
    }
    return findings;
  },
});
