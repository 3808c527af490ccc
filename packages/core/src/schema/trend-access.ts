import { hasRole } from "../auth/principal.ts";
import type { RoleName } from "../auth/roles.ts";
import { assertCanEditUnit } from "../auth/unit-access.ts";
import type { Context } from "../context.ts";

/** Who may define indicators and record or import figures. */
export const TREND_EDITORS: RoleName[] = ["UNIT_COMMANDER", "COORDINATOR", "CHIEF", "AGENCY_ADMIN"];

/** Roles that record figures for every unit; a unit commander records them for the units they command. */
const AGENCY_WIDE: RoleName[] = ["COORDINATOR", "CHIEF", "AGENCY_ADMIN"];

/** Refuses (FORBIDDEN) a unit commander recording figures for a unit they do not command. */
export async function assertCanRecordFigures(ctx: Context, unitId: string): Promise<void> {
  if (hasRole(ctx.principal, ...AGENCY_WIDE)) return;
  await assertCanEditUnit(ctx, unitId);
}

/**
 * The units the caller may import figures for: undefined for agency-wide roles (every
 * unit), otherwise the units the caller commands.
 */
export async function writableUnitIds(ctx: Context): Promise<Set<string> | undefined> {
  if (hasRole(ctx.principal, ...AGENCY_WIDE)) return undefined;
  if (ctx.principal.kind !== "member") return new Set();
  const units = await ctx.db.orgUnit.findMany({ where: { commanderId: ctx.principal.memberId }, select: { id: true } });
  return new Set(units.map((unit) => unit.id));
}
