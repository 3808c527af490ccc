import type { RoleName } from "../auth/roles.ts";
import { assertCanEditUnit } from "../auth/unit-access.ts";
import type { Context } from "../context.ts";
import { requireRows } from "./references.ts";

// These checks read through ctx.db, so mutations run them before opening their transaction:
// the embedded database has a single connection, which an open transaction holds.

/** Who may create and edit plans and their revisions; a unit commander only for the units they command. */
export const PLAN_EDITORS: RoleName[] = ["UNIT_COMMANDER", "CHIEF"];

/**
 * Refuses a plan that is not in the caller's agency (NOT_FOUND naming `field`) or whose unit
 * the caller may not edit (FORBIDDEN).
 */
export async function assertCanEditPlan(ctx: Context, planId: string, field: string): Promise<void> {
  await requireRows(ctx.db, { [field]: ["plan", planId] });
  const plan = await ctx.db.plan.findUniqueOrThrow({ where: { id: planId }, select: { unitId: true } });
  await assertCanEditUnit(ctx, plan.unitId);
}

/** The same for a plan revision: it must be in the agency, and its plan's unit the caller's to edit. */
export async function assertCanEditRevision(ctx: Context, revisionId: string, field: string): Promise<void> {
  await requireRows(ctx.db, { [field]: ["planRevision", revisionId] });
  const revision = await ctx.db.planRevision.findUniqueOrThrow({
    where: { id: revisionId },
    select: { plan: { select: { unitId: true } } },
  });
  await assertCanEditUnit(ctx, revision.plan.unitId);
}
