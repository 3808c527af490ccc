import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { hasRole } from "../auth/principal.ts";
import { MEMBER_CSV_COLUMNS, parseMemberCsv, type RowProblem, resolveMemberRows } from "../domain/member-csv.ts";
import { userError } from "../errors.ts";
import { AGENCY_ADMINISTRATORS } from "./admin-roles.ts";
import { builder } from "./builder.ts";

const ImportMembersPayload = builder.objectRef<{ imported: number }>("ImportMembersPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    imported: t.exposeInt("imported", { description: "How many members were added." }),
  }),
});

/**
 * Every bad line, with its number, in one error: `extensions.rows` for a client to show
 * beside the file, and the message for a person reading it as it is.
 */
function importRefused(rows: RowProblem[]) {
  const lines = rows.map((row) => `line ${row.line}: ${row.message}`).join("; ");
  const summary = `${rows.length} ${rows.length === 1 ? "line needs" : "lines need"} fixing, nothing was imported`;
  return userError("BAD_USER_INPUT", `csv: ${summary}: ${lines}`, { rows, fields: [{ field: "csv", message: summary }] });
}

builder.mutationField("importMembers", (t) =>
  t.field({
    type: ImportMembersPayload,
    description: `Adds members from CSV with the columns ${MEMBER_CSV_COLUMNS.join(",")} (roles and languages separated by ";", unit by code or exact name). All or nothing: any bad line imports no one.`,
    authScopes: { role: AGENCY_ADMINISTRATORS },
    args: { csv: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const parsed = parseMemberCsv(args.csv);
      const emails = parsed.rows.map((row) => row.email);
      return ctx.db.$transaction(async (tx) => {
        const units = await tx.orgUnit.findMany({ select: { id: true, name: true, code: true } });
        const taken = await tx.member.findMany({
          where: { email: { in: emails, mode: "insensitive" } },
          select: { email: true },
        });
        const { rows, problems } = resolveMemberRows(parsed, {
          units,
          takenEmails: new Set(taken.map((member) => member.email.toLowerCase())),
          mayGrantOperator: hasRole(ctx.principal, "PLATFORM_OPERATOR"),
        });
        if (problems.length) throw importRefused(problems);
        const created = await tx.member.createManyAndReturn({
          data: rows.map((row) => ({
            agencyId: "",
            email: row.email,
            name: row.name,
            kind: row.kind,
            rank: row.rank,
            unitId: row.unitId,
            roles: row.roles,
            languages: row.languages,
          })),
          select: { id: true },
        });
        // Who was added is in the Member rows; the trail keeps only ids, no names or emails.
        await recordAuditEvent(tx, ctx, {
          action: "member.import",
          entityType: "Member",
          after: { imported: created.length, memberIds: created.map((member) => member.id) },
        });
        return { imported: created.length };
      });
    },
  }),
);
