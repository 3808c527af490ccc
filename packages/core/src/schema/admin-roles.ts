import type { Prisma } from "@roundtable/db";
import { hasRole } from "../auth/principal.ts";
import type { RoleName } from "../auth/roles.ts";
import type { Context } from "../context.ts";
import { conflict, forbidden } from "../errors.ts";

/**
 * Who administers an agency's units and members: its admins and the Chief/Sheriff. The
 * platform operator is included because PLATFORM_OPERATOR, which only an operator may
 * grant, could otherwise never be granted at all.
 */
export const AGENCY_ADMINISTRATORS: RoleName[] = ["AGENCY_ADMIN", "CHIEF", "PLATFORM_OPERATOR"];

/**
 * Refuses a change that grants or removes PLATFORM_OPERATOR unless the caller is a
 * platform operator: an agency's own staff cannot reach across agencies by promoting
 * themselves, nor demote the people who run the platform.
 */
export function assertMayChangeOperatorRole(
  ctx: Context,
  before: readonly RoleName[],
  after: readonly RoleName[],
  field: string,
) {
  const changes = before.includes("PLATFORM_OPERATOR") !== after.includes("PLATFORM_OPERATOR");
  if (changes && !hasRole(ctx.principal, "PLATFORM_OPERATOR")) {
    throw forbidden(`${field}: only a platform operator may grant or remove PLATFORM_OPERATOR`);
  }
}

type AdministrationDb = Pick<Context["db"], "agency" | "member">;

/**
 * Refuses to leave the agency without an enabled AGENCY_ADMIN other than `memberId`; call it
 * in the transaction that demotes or disables that member. Nobody could then manage the
 * agency's members, and only the platform operator could repair it.
 */
export async function assertAgencyKeepsAnAdmin(db: AdministrationDb, memberId: string, field: string): Promise<void> {
  // Writing the agency row locks it until commit, so two admins removing each other at the
  // same moment are checked one after the other instead of both passing.
  await db.agency.updateMany({ data: { updatedAt: new Date() } });
  const admins = await memberIdsWithRoles(db, ["AGENCY_ADMIN"], { disabledAt: null });
  if (!admins.some((id) => id !== memberId)) {
    const message = "the member is the agency's last AGENCY_ADMIN; make someone else an admin first";
    throw conflict(`${field}: ${message}`, { fields: [{ field, message }] });
  }
}

/**
 * Ids of the agency's members (matching `where`) who hold any of `roles`.
 *
 * Filtered here rather than with `roles: { hasSome }` because the embedded database's
 * driver adapter cannot bind a list of enum values ("malformed array literal"); reading
 * ids and roles of an agency's personnel is cheap.
 */
export async function memberIdsWithRoles(
  db: Pick<Context["db"], "member">,
  roles: readonly RoleName[],
  where: Prisma.MemberWhereInput = {},
): Promise<string[]> {
  const members = await db.member.findMany({ where, select: { id: true, roles: true } });
  return members.filter((member) => member.roles.some((role) => roles.includes(role))).map((member) => member.id);
}
