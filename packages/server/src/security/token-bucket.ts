/** How many operations a key may start at once, and how fast that allowance comes back. */
export interface BucketRule {
  /** Burst: operations allowed at once. */
  capacity: number;
  /** Operations regained per minute. */
  perMinute: number;
}

export interface TakeResult {
  ok: boolean;
  /** Whole seconds until `cost` operations are allowed again (0 when ok). */
  retryAfter: number;
}

/**
 * In-memory token buckets, one per key (e.g. operation + client address). Per process:
 * N server processes allow N times the rate; a Redis-backed store is the next step when
 * that matters. The map is bounded: full buckets are forgotten when it grows.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rule: BucketRule,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes `cost` tokens if the key has them; otherwise takes nothing and says when to retry. */
  take(key: string, cost = 1): TakeResult {
    const bucket = this.refilled(key);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true, retryAfter: 0 };
    }
    const perMs = this.rule.perMinute / 60_000;
    return { ok: false, retryAfter: Math.max(1, Math.ceil((cost - bucket.tokens) / perMs / 1000)) };
  }

  /** Whether the key could take `cost` now, without taking. */
  peek(key: string, cost = 1): TakeResult {
    const bucket = this.refilled(key);
    const perMs = this.rule.perMinute / 60_000;
    return bucket.tokens >= cost
      ? { ok: true, retryAfter: 0 }
      : { ok: false, retryAfter: Math.max(1, Math.ceil((cost - bucket.tokens) / perMs / 1000)) };
  }

  private refilled(key: string) {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.forgetFull(now);
      bucket = { tokens: this.rule.capacity, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.rule.capacity, bucket.tokens + ((now - bucket.at) * this.rule.perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  private forgetFull(now: number) {
    for (const [key, bucket] of this.buckets) {
      const tokens = bucket.tokens + ((now - bucket.at) * this.rule.perMinute) / 60_000;
      if (tokens >= this.rule.capacity) this.buckets.delete(key);
    }
    // Still full of active keys: drop the oldest rather than grow without bound.
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
