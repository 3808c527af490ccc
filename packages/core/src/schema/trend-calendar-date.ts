import { formatCalendarDate, parseCalendarDate } from "../domain/indicator-csv.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";

/**
 * `Date`: a calendar day such as `2026-03-01`, for the database's DATE columns (periods,
 * completion days), held as midnight UTC. Days carry no time zone, so a month's figures
 * never slide into the neighbouring month for agencies west of Greenwich.
 *
 * Every area with calendar days uses this one scalar. It lives with the trends because they
 * needed it first; it belongs beside `DateTime` in builder.ts, where `SchemaTypes.Scalars`
 * would also declare it and make the cast below unnecessary.
 */
export const CalendarDate = builder.scalarType("Date" as "DateTime", {
  description: "A calendar day, written YYYY-MM-DD.",
  serialize: (value) => formatCalendarDate(value),
  parseValue: (value) => {
    const date = typeof value === "string" ? parseCalendarDate(value) : null;
    if (!date) throw badUserInput([{ field: "Date", message: "must be a day written YYYY-MM-DD" }]);
    return date;
  },
});

/** Today as a calendar day in UTC, which is never behind the day of a US agency. */
export function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
