import type { Role } from "@roundtable/db";

/** Every role of CONTRACT.md, in the order an admin screen lists them. */
export const ROLES = [
  "PLATFORM_OPERATOR",
  "AGENCY_ADMIN",
  "CHIEF",
  "COORDINATOR",
  "UNIT_COMMANDER",
  "MEMBER",
] as const satisfies readonly Role[];

export type RoleName = (typeof ROLES)[number];

export function isRole(value: unknown): value is RoleName {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
