import type { AnnualEngagementReportSettings } from "./settings.ts";

type YearSettings = Pick<AnnualEngagementReportSettings, "reportYearStartMonth" | "dueMonthDay">;

/** One report year: `year` is the calendar year it starts in; `end` is its last day. */
export interface ReportYear {
  year: number;
  start: Date;
  end: Date;
  /** `2025`, or `2025-26` for a year that does not start in January. */
  label: string;
}

const DAY = 86_400_000;

/** The report year that starts in calendar year `year`. */
export function reportYear(year: number, { reportYearStartMonth }: Pick<YearSettings, "reportYearStartMonth">): ReportYear {
  const start = new Date(Date.UTC(year, reportYearStartMonth - 1, 1));
  const end = new Date(Date.UTC(year + 1, reportYearStartMonth - 1, 1) - DAY);
  const label = reportYearStartMonth === 1 ? String(year) : `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
  return { year, start, end, label };
}

/** The report year `now` falls in. */
export function reportYearOf(now: Date, settings: Pick<YearSettings, "reportYearStartMonth">): ReportYear {
  const year = now.getUTCMonth() + 1 >= settings.reportYearStartMonth ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return reportYear(year, settings);
}

/** The day the report for `period` must be approved by: the first `dueMonthDay` after the year ends. */
export function approvalDueOn(period: ReportYear, { dueMonthDay }: Pick<YearSettings, "dueMonthDay">): Date {
  const [month, day] = dueMonthDay.split("-").map(Number) as [number, number];
  const sameYear = new Date(Date.UTC(period.end.getUTCFullYear(), month - 1, day));
  return sameYear > period.end ? sameYear : new Date(Date.UTC(period.end.getUTCFullYear() + 1, month - 1, day));
}

/** The day after `date`: a deadline "by" a day has passed from this instant on. */
export function dayAfter(date: Date): Date {
  return new Date(date.getTime() + DAY);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
