import { hasRole } from "../auth/principal.ts";
import type { RoleName } from "../auth/roles.ts";
import { assertCanEditUnit } from "../auth/unit-access.ts";
import type { Context } from "../context.ts";
import { requireRows } from "./references.ts";

// These checks read through ctx.db, so mutations run them before opening their transaction:
// the embedded database has a single connection, which an open transaction holds.

/** Who may record a new problem: commanders (their units), the coordinator and the Chief/Sheriff (any unit). */
export const PROBLEM_CREATORS: RoleName[] = ["UNIT_COMMANDER", "COORDINATOR", "CHIEF"];

/** Who may work a problem and its responses: its unit's commander and the Chief/Sheriff. */
export const PROBLEM_EDITORS: RoleName[] = ["UNIT_COMMANDER", "CHIEF"];

/**
 * Refuses (FORBIDDEN) recording a problem for a unit the caller does not command. The
 * coordinator may raise one anywhere: problems often surface through agency-wide engagement
 * before a station takes them on.
 */
export async function assertCanRecordProblem(ctx: Context, unitId: string): Promise<void> {
  if (hasRole(ctx.principal, "COORDINATOR")) return;
  await assertCanEditUnit(ctx, unitId);
}

/**
 * Refuses a problem that is not in the caller's agency (NOT_FOUND naming `field`) or whose
 * unit the caller may not edit (FORBIDDEN). Returns the problem's unit.
 */
export async function assertCanEditProblem(ctx: Context, problemId: string, field: string): Promise<string> {
  await requireRows(ctx.db, { [field]: ["problem", problemId] });
  const { unitId } = await ctx.db.problem.findUniqueOrThrow({ where: { id: problemId }, select: { unitId: true } });
  await assertCanEditUnit(ctx, unitId);
  return unitId;
}

/** The same for a response, through its problem's unit. */
export async function assertCanEditResponse(ctx: Context, responseId: string, field: string): Promise<void> {
  await requireRows(ctx.db, { [field]: ["problemResponse", responseId] });
  const response = await ctx.db.problemResponse.findUniqueOrThrow({
    where: { id: responseId },
    select: { problem: { select: { unitId: true } } },
  });
  await assertCanEditUnit(ctx, response.problem.unitId);
}
