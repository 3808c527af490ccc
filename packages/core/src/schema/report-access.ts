import { hasRole } from "../auth/principal.ts";
import type { RoleName } from "../auth/roles.ts";
import { canEditUnit } from "../auth/unit-access.ts";
import type { Context } from "../context.ts";
import { forbidden, userError } from "../errors.ts";
import { type AvailableTemplate, findTemplate } from "../reports/available-templates.ts";
import { idFromInput } from "./references.ts";

/** Roles that may call report mutations at all; each mutation then checks the template's roles. */
export const REPORT_ROLES: RoleName[] = ["CHIEF", "AGENCY_ADMIN", "COORDINATOR", "UNIT_COMMANDER"];

/**
 * The report an input names and the template it was built from, read before the mutation's
 * transaction (see unit-access.ts for why). Another agency's report reads as a missing one.
 */
export async function loadReportForChange(ctx: Context, globalId: string, field: string) {
  const id = idFromInput("Report", globalId, field);
  const report = await ctx.db.report.findUnique({ where: { id } });
  if (!report) throw userError("NOT_FOUND", `${field}: no such record`, { fields: [{ field, message: "no such record" }] });
  const entry = await findTemplate(ctx.profiles, report.templateKey);
  if (!entry) {
    throw forbidden(`The "${report.templateKey}" template is not available: its profile is not enabled for your agency.`);
  }
  return { report, entry };
}

/**
 * Who may create, edit, rebuild and submit a report: the template's preparers and the
 * Chief/Sheriff; for a per-unit report a unit commander only for the unit they command.
 */
export async function assertCanPrepare(ctx: Context, entry: AvailableTemplate, unitId: string | null): Promise<void> {
  const roles = new Set<RoleName>([...entry.template.preparedBy, "CHIEF"]);
  if (!hasRole(ctx.principal, ...roles)) {
    throw forbidden(`Only ${[...roles].join(", ")} may prepare the "${entry.template.title}" report.`);
  }
  // Commanders prepare for their own unit; other preparer roles act agency-wide.
  const onlyCommander =
    ctx.principal.kind === "member" && ctx.principal.roles.every((role) => role === "UNIT_COMMANDER" || !roles.has(role));
  if (onlyCommander && unitId && !(await canEditUnit(ctx, unitId))) {
    throw forbidden("A unit commander prepares reports for the unit they command only.");
  }
}

/** Who may approve or return: the approver role the template names, with the agency's settings applied. */
export function assertApprover(ctx: Context, entry: AvailableTemplate): void {
  if (!hasRole(ctx.principal, entry.approverRole)) {
    throw forbidden(`Only the ${entry.approverRole} may decide on the "${entry.template.title}" report.`);
  }
}

/** The member acting; report mutations are for signed-in members only (their scopes say so). */
export function actingMemberId(ctx: Context): string {
  if (ctx.principal.kind !== "member") throw forbidden();
  return ctx.principal.memberId;
}
