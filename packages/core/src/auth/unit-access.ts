import type { Context } from "../context.ts";
import { forbidden } from "../errors.ts";
import { hasRole } from "./principal.ts";

/** Roles that act on every unit of their agency. */
const AGENCY_WIDE = ["CHIEF", "AGENCY_ADMIN"] as const;

/**
 * Whether the caller may edit what belongs to `unitId` (its plan, problems, priorities):
 * agency-wide roles always; a unit commander only for the units they command.
 *
 * Inside `ctx.db.$transaction(...)` pass the transaction client as `db`: the embedded
 * database has a single connection, held by the open transaction, so a read through
 * `ctx.db` there would wait for it forever.
 */
export async function canEditUnit(
  ctx: Context,
  unitId: string | null | undefined,
  db: Pick<Context["db"], "orgUnit"> = ctx.db,
): Promise<boolean> {
  if (hasRole(ctx.principal, ...AGENCY_WIDE)) return true;
  if (ctx.principal.kind !== "member" || !unitId || !hasRole(ctx.principal, "UNIT_COMMANDER")) return false;
  const unit = await db.orgUnit.findUnique({ where: { id: unitId }, select: { commanderId: true } });
  return unit?.commanderId === ctx.principal.memberId;
}

export async function assertCanEditUnit(
  ctx: Context,
  unitId: string | null | undefined,
  db: Pick<Context["db"], "orgUnit"> = ctx.db,
): Promise<void> {
  if (!(await canEditUnit(ctx, unitId, db))) throw forbidden("Only the unit's commander or the Chief/Sheriff may change this.");
}
