import { definePolicyProfile } from "@roundtable/core";
import { annualReport } from "./reports/annual-report.ts";
import { annualReportApproved } from "./rules/annual-report-approved.ts";
import { areasAddressed } from "./rules/areas-addressed.ts";
import { coordinatorDesignated } from "./rules/coordinator-designated.ts";
import { annualEngagementReportSchema } from "./schema/index.ts";
import { type AnnualEngagementReportSettings, annualEngagementReportSettings } from "./settings.ts";
import { strategyCategories } from "./taxonomy.ts";

export { ANNUAL_REPORT_KEY, annualReport } from "./reports/annual-report.ts";
export { type AnnualEngagementReportSettings, annualEngagementReportSettings } from "./settings.ts";
export { ENGAGEMENT_AREAS, type EngagementArea } from "./taxonomy.ts";

/**
 * Community engagement with a designated coordinator and an annual report: the Chief/Sheriff
 * designates a coordinator (CE-05), strategies are filed under the policy's areas a-i (CE-04),
 * an area left empty needs a recorded reason, and the annual report is prepared by the
 * coordinator and approved by the Chief/Sheriff by `dueMonthDay` after the year (CE-06).
 */
export default definePolicyProfile<AnnualEngagementReportSettings>({
  id: "annual-engagement-report",
  version: "1.0.0",
  title: "Community engagement: designated coordinator and annual report",
  description:
    "Community Engagement policy, section III: strategies in areas a-i, a designated coordinator, an approved annual report.",
  settings: annualEngagementReportSettings,
  taxonomies: { strategyCategories },
  rules: [coordinatorDesignated, areasAddressed, annualReportApproved],
  reports: [annualReport],
  schema: annualEngagementReportSchema,
});
