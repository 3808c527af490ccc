import { badUserInput, type PolicyProfile } from "@roundtable/core";

/** The Pothos builder a profile's `schema` function receives. */
export type Builder = Parameters<NonNullable<PolicyProfile["schema"]>>[0];

export const PROFILE_ID = "annual-engagement-report";

/** Every type and field this profile adds answers only where the agency enabled it. */
export const PROFILE_SCOPE = { profile: PROFILE_ID } as const;

/**
 * The core's calendar-day scalar (`Date`, YYYY-MM-DD). Core registers it typed as DateTime
 * (both hold a JS Date), so a profile refers to it by name with the same cast.
 */
export const CALENDAR_DATE = "Date" as "DateTime";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The row id inside a Relay global ID (`base64("Type:uuid")`) of the expected type; anything
 * else is BAD_USER_INPUT naming the field. Mirrors core's `idFromInput`, which core does not export.
 */
export function idFromInput(typename: string, globalId: string, field: string): string {
  const decoded = Buffer.from(globalId, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const id = decoded.slice(colon + 1);
  if (colon < 0 || decoded.slice(0, colon) !== typename || !UUID.test(id)) {
    throw badUserInput([{ field, message: `must be the ID of a ${typename}` }]);
  }
  return id;
}

const DAY = 86_400_000;

export function dayBefore(date: Date): Date {
  return new Date(date.getTime() - DAY);
}
