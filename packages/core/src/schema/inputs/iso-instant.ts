/** `2026-01-15T18:00:00Z`, with optional fractions of a second and a `Z` or `±hh:mm` offset. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads an ISO 8601 date-time, or returns null. Stricter than `new Date(text)`, which rolls
 * `2026-02-30` over into March and accepts years PostgreSQL cannot store (year 0 reached the
 * database and came back as "Unexpected error."): the day must exist and the year be 1 to 9999.
 */
export function parseIsoInstant(text: string): Date | null {
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const calendar = new Date(Date.UTC(2000, (month as number) - 1, day));
  calendar.setUTCFullYear(year as number);
  const dayExists = calendar.getUTCMonth() === (month as number) - 1 && calendar.getUTCDate() === day;
  if (year === 0 || !dayExists || (hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) return null;
  const instant = new Date(text);
  // An offset can still carry 0001-01-01 into year 0 in UTC, where the database stores it.
  const utcYear = instant.getUTCFullYear();
  return Number.isNaN(instant.getTime()) || utcYear < 1 || utcYear > 9999 ? null : instant;
}
