/** The key of the annual report template; stored on every Report built from it. */
export const ANNUAL_REPORT_KEY = "annual-engagement-report.annual-report";
