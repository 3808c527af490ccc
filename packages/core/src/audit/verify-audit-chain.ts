import { agencyClientFor, type PrismaClient } from "@roundtable/db";
import { auditHash, chainedContentOf, GENESIS_HASH } from "./audit-hash.ts";

/** A chain head recorded outside the database (`audit anchor`), as `SEQ:HASH`. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/** Why the chain does not hold, at the first link that breaks. */
export interface AuditChainBreak {
  seq: number;
  kind: "changed" | "missing" | "relinked" | "truncated" | "anchor-mismatch";
  message: string;
}

export interface AuditChainReport {
  ok: boolean;
  /** Chained rows checked. */
  checked: number;
  /** The last chained row: what `audit anchor` prints. */
  head: AuditAnchor | null;
  /** Rows written outside the chain (seq null); they are not protected by it. */
  unchained: number;
  problem?: AuditChainBreak;
}

const PAGE = 1000;

/** Parses `SEQ:HASH` as printed by `audit anchor`; throws naming what is wrong. */
export function parseAuditAnchor(text: string): AuditAnchor {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw new Error(`anchor must look like SEQ:HASH (a number, a colon, 64 hex digits), got "${text}"`);
  return { seq: Number(match[1]), hash: match[2] as string };
}

/**
 * Walks an agency's audit chain from seq 1 and reports the first broken link: a row whose
 * content no longer matches its hash ("changed"), a seq that is absent ("missing": deleted
 * rows), a row that does not point at its predecessor's hash ("relinked": reordered or
 * forged rows). A chain cut at its end still links up, so with an `anchor` recorded earlier
 * it also reports "truncated" (the chain is shorter than the anchor) and "anchor-mismatch"
 * (the row at the anchor's seq differs: the chain was rewritten and re-hashed).
 *
 * Reads through the agency's own client (row-level security on PostgreSQL) with the root
 * client handed in: run it from the CLI, never from a request.
 */
export async function verifyAuditChain(
  root: PrismaClient,
  agencyId: string,
  options: { anchor?: AuditAnchor | undefined } = {},
): Promise<AuditChainReport> {
  const prisma = agencyClientFor(root, agencyId);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let anchorSeen = false;
  const broken = (problem: AuditChainBreak, checked: number, unchained: number): AuditChainReport => ({
    ok: false,
    checked,
    head: expectedSeq > 1 ? { seq: expectedSeq - 1, hash: prevHash } : null,
    unchained,
    problem,
  });
  const unchained = await prisma.auditEvent.count({ where: { agencyId, seq: null } });

  for (;;) {
    const rows = await prisma.auditEvent.findMany({
      where: { agencyId, seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    for (const row of rows) {
      const seq = row.seq as number;
      const checked = expectedSeq - 1;
      if (seq !== expectedSeq) {
        return broken(
          {
            seq: expectedSeq,
            kind: "missing",
            message: `seq ${expectedSeq} is missing (next row is seq ${seq}): rows were deleted`,
          },
          checked,
          unchained,
        );
      }
      if (row.prevHash !== prevHash) {
        return broken(
          {
            seq,
            kind: "relinked",
            message: `seq ${seq} does not follow seq ${seq - 1}: rows were reordered, replaced or inserted`,
          },
          checked,
          unchained,
        );
      }
      if (auditHash(chainedContentOf(row)) !== row.hash) {
        return broken({ seq, kind: "changed", message: `seq ${seq} was changed after it was written` }, checked, unchained);
      }
      if (options.anchor && seq === options.anchor.seq) {
        anchorSeen = true;
        if (row.hash !== options.anchor.hash) {
          return broken(
            { seq, kind: "anchor-mismatch", message: `seq ${seq} differs from the recorded anchor: the chain was rewritten` },
            checked,
            unchained,
          );
        }
      }
      prevHash = row.hash as string;
      expectedSeq = seq + 1;
    }
    if (rows.length < PAGE) break;
  }

  const checked = expectedSeq - 1;
  if (options.anchor && !anchorSeen) {
    return broken(
      {
        seq: checked + 1,
        kind: "truncated",
        message: `the chain ends at seq ${checked} but the anchor names seq ${options.anchor.seq}: rows were cut from the end`,
      },
      checked,
      unchained,
    );
  }
  return { ok: true, checked, head: checked > 0 ? { seq: checked, hash: prevHash } : null, unchained };
}
