import { assertCanEditUnit } from "../auth/unit-access.ts";
import type { Context } from "../context.ts";
import { requireRows } from "./references.ts";

// These checks read through ctx.db, so mutations run them before opening their transaction:
// the embedded database has a single connection, which an open transaction holds. A
// priority never moves to another unit, so the unit checked is still its unit inside.

/** Refuses a unit not in the caller's agency (NOT_FOUND naming `field`) or one the caller may not edit (FORBIDDEN). */
export async function assertCanRankUnit(ctx: Context, unitId: string, field: string): Promise<void> {
  await requireRows(ctx.db, { [field]: ["orgUnit", unitId] });
  await assertCanEditUnit(ctx, unitId);
}

/**
 * Refuses a priority not in the caller's agency (NOT_FOUND naming `field`) or of a unit the
 * caller may not edit (FORBIDDEN). Returns the priority's unit.
 */
export async function assertCanEditPriority(ctx: Context, priorityId: string, field: string): Promise<string> {
  await requireRows(ctx.db, { [field]: ["priority", priorityId] });
  const { unitId } = await ctx.db.priority.findUniqueOrThrow({ where: { id: priorityId }, select: { unitId: true } });
  await assertCanEditUnit(ctx, unitId);
  return unitId;
}
