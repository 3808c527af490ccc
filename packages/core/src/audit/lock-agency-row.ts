import type { TenantDb } from "../tenancy/scope-to-agency.ts";

/** How often to re-read the agency row when a concurrent change moved it. */
const LOCK_ATTEMPTS = 5;

/**
 * Takes the row lock of the scope's agency for the rest of the transaction, and returns the
 * agency's id. Every audited change takes it (appendAuditEvent), so holding it serialises the
 * transaction with every other change of that agency from here on; other agencies are not
 * blocked. Take it first in a transaction that checks "does X exist yet?" before creating X,
 * where no unique index guards the rule: a concurrent twin then waits, and its check sees
 * this transaction's row once it commits (PostgreSQL's READ COMMITTED reads anew per statement).
 *
 * The tenant client runs no raw SQL (so no `pg_advisory_xact_lock` or `FOR UPDATE`); an
 * UPDATE that writes the row's own `updatedAt` back takes the same row lock and changes
 * nothing anyone can see. If a concurrent change moved `updatedAt` in between, the
 * conditional update matches no row: read again and retry.
 *
 * @example
 * await ctx.db.$transaction(async (tx) => {
 *   await lockAgencyRow(tx);
 *   if (await tx.report.findFirst({ where: { templateKey, periodStart } })) throw conflict("exists");
 *   await tx.report.create({ data });
 * });
 */
export async function lockAgencyRow(tx: Pick<TenantDb, "agency">): Promise<string> {
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    const agency = await tx.agency.findFirst({ select: { id: true, updatedAt: true } });
    if (!agency) throw new Error("lockAgencyRow: this scope names no agency");
    const { count } = await tx.agency.updateMany({
      where: { updatedAt: agency.updatedAt },
      data: { updatedAt: agency.updatedAt },
    });
    if (count === 1) return agency.id;
  }
  throw new Error("lockAgencyRow: could not lock the agency row (the agency kept changing)");
}
