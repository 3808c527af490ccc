import { hasRole } from "../auth/principal.ts";
import type { RoleName } from "../auth/roles.ts";
import type { Context } from "../context.ts";
import { forbidden } from "../errors.ts";

/** Who keeps the course catalogue. */
export const COURSE_EDITORS: RoleName[] = ["CHIEF", "COORDINATOR", "AGENCY_ADMIN"];

/** Staff who see every member's training ledger; anyone else sees only their own. */
export const TRAINING_STAFF: RoleName[] = ["CHIEF", "COORDINATOR", "AGENCY_ADMIN", "UNIT_COMMANDER"];

/** Roles that record training for any member; a unit commander does so for their units' members. */
const RECORD_FOR_ANYONE: RoleName[] = ["CHIEF", "COORDINATOR", "AGENCY_ADMIN"];

export function isSelf(ctx: Context, memberId: string): boolean {
  return ctx.principal.kind === "member" && ctx.principal.memberId === memberId;
}

/** Whether the caller may read `memberId`'s training records and hours. */
export function canSeeTrainingOf(ctx: Context, memberId: string): boolean {
  return isSelf(ctx, memberId) || hasRole(ctx.principal, ...TRAINING_STAFF);
}

/**
 * Refuses (FORBIDDEN) recording training for someone else, unless the caller is the
 * Chief/Sheriff, the coordinator, an agency admin, or the commander of the member's unit.
 */
export async function assertCanRecordTrainingFor(ctx: Context, memberId: string): Promise<void> {
  if (isSelf(ctx, memberId) || hasRole(ctx.principal, ...RECORD_FOR_ANYONE)) return;
  if (ctx.principal.kind === "member" && hasRole(ctx.principal, "UNIT_COMMANDER")) {
    const member = await ctx.db.member.findUnique({
      where: { id: memberId },
      select: { unit: { select: { commanderId: true } } },
    });
    if (member?.unit?.commanderId === ctx.principal.memberId) return;
    throw forbidden("A unit commander records training only for members of the units they command.");
  }
  throw forbidden("You may record only your own training.");
}
