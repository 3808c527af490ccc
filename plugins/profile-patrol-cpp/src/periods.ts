/** Calendar arithmetic the rules share, in UTC (dates in the datamodel are UTC days). */
export function monthsBefore(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() - months);
  return result;
}

export function monthsAfter(date: Date, months: number): Date {
  return monthsBefore(date, -months);
}

export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** The half-year `now` falls in: January-June or July-December. */
export function currentHalfYear(now: Date): { start: Date; end: Date } {
  const year = now.getUTCFullYear();
  const firstHalf = now.getUTCMonth() < 6;
  return firstHalf
    ? { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year, 5, 30)) }
    : { start: new Date(Date.UTC(year, 6, 1)), end: new Date(Date.UTC(year, 11, 31)) };
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
