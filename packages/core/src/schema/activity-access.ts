import { hasRole } from "../auth/principal.ts";
import type { RoleName } from "../auth/roles.ts";
import type { Context } from "../context.ts";
import { forbidden } from "../errors.ts";

/**
 * Roles that may change any activity of the agency. Anyone may log an activity, but there
 * is no record of who logged it, so other members change only their own unit's activities.
 */
export const ACTIVITY_EDITORS: RoleName[] = ["UNIT_COMMANDER", "CHIEF", "COORDINATOR"];

type MemberReader = Pick<Context["db"], "member">;

/**
 * Refuses unless the caller may change an activity of `unitIds` (the activity's unit, and
 * the unit it would move to): an editor role, or a member of every one of those units.
 */
export async function assertCanEditActivity(db: MemberReader, ctx: Context, unitIds: (string | null)[]): Promise<void> {
  if (hasRole(ctx.principal, ...ACTIVITY_EDITORS)) return;
  if (ctx.principal.kind === "member") {
    const me = await db.member.findUnique({ where: { id: ctx.principal.memberId }, select: { unitId: true } });
    if (me?.unitId && unitIds.every((unitId) => unitId === me.unitId)) return;
  }
  throw forbidden("Only members of the activity's unit, unit commanders, the coordinator and the Chief/Sheriff may change it.");
}
