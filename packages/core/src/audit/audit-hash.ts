import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

/** The `prevHash` of an agency's first audit event: no predecessor. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * What of an audit row the chain protects: every column except the row's own `hash` and
 * its database id (an id says nothing about what happened, and a restore may renumber it).
 * `at` is an ISO-8601 string with milliseconds, as stored (timestamptz(3)).
 */
export interface ChainedAuditContent {
  agencyId: string;
  seq: number;
  at: string;
  actorMemberId: string | null;
  actorRoles: string[];
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  source: string | null;
  prevHash: string;
}

/**
 * hash_n = SHA-256(canonical JSON of row n's content, including prevHash = hash_{n-1}),
 * lowercase hex. Changing, removing or reordering any earlier row changes every hash after
 * it, so a verifier finds the first broken link. Missing JSON columns hash as null, so
 * "no value" and JSON null are the same content (PostgreSQL stores both as SQL NULL here).
 */
export function auditHash(content: ChainedAuditContent): string {
  const normalised = { ...content, before: content.before ?? null, after: content.after ?? null };
  return createHash("sha256").update(canonicalJson(normalised), "utf8").digest("hex");
}

/** The chained content of a row as Prisma reads it back (for verification). */
export function chainedContentOf(
  row: Omit<ChainedAuditContent, "seq" | "at" | "prevHash"> & { seq: number | null; at: Date; prevHash: string | null },
): ChainedAuditContent {
  return {
    agencyId: row.agencyId,
    seq: row.seq ?? 0,
    at: row.at.toISOString(),
    actorMemberId: row.actorMemberId,
    actorRoles: row.actorRoles,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    outcome: row.outcome,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    source: row.source,
    prevHash: row.prevHash ?? "",
  };
}
