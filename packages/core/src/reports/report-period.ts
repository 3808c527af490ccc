import type { ReportPeriod } from "./report-template.ts";

const MONTHS: Record<ReportPeriod, number> = { MONTHLY: 1, QUARTERLY: 3, SEMI_ANNUAL: 6, ANNUAL: 12 };

/** The last day of a period that starts on `start` (a calendar day at midnight UTC). */
export function periodEnd(start: Date, period: ReportPeriod): Date {
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + MONTHS[period], start.getUTCDate() - 1));
}

/** `2026-01-01 – 2026-06-30`: how titles and renderings name a period. */
export function periodLabel(start: Date, end: Date): string {
  return `${start.toISOString().slice(0, 10)} – ${end.toISOString().slice(0, 10)}`;
}
