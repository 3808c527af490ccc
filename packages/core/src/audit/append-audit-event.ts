import type { Prisma, Role } from "@roundtable/db";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { auditHash, GENESIS_HASH } from "./audit-hash.ts";
import { lockAgencyRow } from "./lock-agency-row.ts";

/** What an audit row says; the chain columns (seq, prevHash, hash) and `at` are added here. */
export interface AuditRowInput {
  actorMemberId: string | null;
  actorRoles: Role[];
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: "SUCCESS" | "DENIED" | "FAILED";
  before?: Prisma.InputJsonValue | undefined;
  after?: Prisma.InputJsonValue | undefined;
  requestId: string | null;
  source: string | null;
}

/** A tenant-scoped client or transaction: enough to lock the agency and append to its chain. */
export type ChainWriter = Pick<TenantDb, "auditEvent" | "agency">;

/**
 * Appends one row to the agency's audit hash chain, inside the caller's transaction:
 * seq = last seq + 1, prevHash = the last row's hash, hash = SHA-256 over the row's
 * canonical content (audit-hash.ts). Appends of one agency are serialised by a row lock on
 * the agency (held until the transaction ends), so two concurrent transactions can never
 * take the same seq or fork the chain; other agencies are not blocked.
 */
export async function appendAuditEvent(tx: ChainWriter, input: AuditRowInput) {
  const agencyId = await lockAgencyRow(tx);
  const last = await tx.auditEvent.findFirst({
    where: { seq: { not: null } },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // The application's clock, at millisecond precision (the column keeps 1/1000 s, AU-8 asks 1/100 s).
  const at = new Date();
  const hash = auditHash({
    agencyId,
    seq,
    at: at.toISOString(),
    ...input,
    before: input.before ?? null,
    after: input.after ?? null,
    prevHash,
  });
  return tx.auditEvent.create({
    data: {
      agencyId: "", // stamped by the tenant scope; the same id went into the hash
      at,
      ...input,
      seq,
      prevHash,
      hash,
    },
  });
}
