import type { PrismaClient } from "@roundtable/db";

/**
 * How long an `Idempotency-Key` lives (docs/security.md, SECURITY.md DI-01 and R3).
 *
 * @example createApp({ ...options, security: { idempotency: { retentionMs: 48 * 3_600_000 } } })
 */
export interface IdempotencyOptions {
  /**
   * How long a key and its stored answer are kept. Within it, a retry gets the first
   * answer; after it the key is free for a new request, and the record is pruned.
   * @default 24 hours (Stripe keeps keys at least that long)
   */
  retentionMs?: number;
  /**
   * A claimed key with no answer after this long belongs to a request that died (the
   * process crashed or was killed mid-run): the same request may then claim it again and
   * run. Keep it well above the longest a mutation can run (request timeout 30 s, database
   * statements 15 s), or a slow first run and its retry could both complete.
   * @default 5 minutes
   */
  claimTimeoutMs?: number;
  /** How often a process deletes records older than the retention period. @default 1 hour */
  pruneEveryMs?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_IDEMPOTENCY: Required<IdempotencyOptions> = {
  retentionMs: 24 * HOUR,
  claimTimeoutMs: 5 * MINUTE,
  pruneEveryMs: HOUR,
};

/** Deletes every idempotency record claimed before `now - retentionMs`; returns how many. */
export async function pruneIdempotencyRecords(prisma: PrismaClient, now: Date, retentionMs: number): Promise<number> {
  const { count } = await prisma.idempotencyRecord.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - retentionMs) } },
  });
  return count;
}
