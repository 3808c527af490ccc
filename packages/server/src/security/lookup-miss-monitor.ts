import type { MemberPrincipal } from "@roundtable/core";
import type { RoundtableLogger } from "../logger.ts";

export interface LookupProbeOptions {
  /** Missed IDs of one member within `windowMs` that raise the alert. @default 20 */
  threshold?: number;
  /** @default 300000 (5 minutes) */
  windowMs?: number;
}

export const DEFAULT_LOOKUP_PROBE = { threshold: 20, windowMs: 5 * 60_000 } as const;

/** Members tracked at once; past it, the longest-running windows are forgotten first. */
const MAX_TRACKED = 10_000;

interface Window {
  startedAt: number;
  misses: number;
  alerted: boolean;
}

export interface LookupMiss {
  requestId: string;
  principal: MemberPrincipal;
  /** `Query.node`, `Mutation.logActivity`: the root field that looked the IDs up. */
  field: string;
  /** The IDs as the caller sent them (at most 50, each at most 128 characters). */
  ids: string[];
}

/**
 * Cross-agency probing shows as lookups that find nothing (SECURITY.md AU-03): a member
 * of one agency asking for another agency's IDs reads exactly "not found", like an ID that
 * never existed, so the answer reveals nothing, but the asking should not go unnoticed.
 * Every such lookup is logged (`lookup.not_found`: the caller's agency and member, the field
 * and the IDs they sent, nothing about what the IDs name), and a member whose misses reach
 * `threshold` within `windowMs` raises `lookup.probe_suspected` once for that window, at
 * error level, for the operators' alerting. Counted per process: several processes each
 * alert on their own share, and the `lookup.not_found` lines let a log pipeline count
 * across them.
 */
export class LookupMissMonitor {
  readonly #windows = new Map<string, Window>();
  readonly #threshold: number;
  readonly #windowMs: number;

  constructor(
    private readonly log: RoundtableLogger,
    options: LookupProbeOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#threshold = options.threshold ?? DEFAULT_LOOKUP_PROBE.threshold;
    this.#windowMs = options.windowMs ?? DEFAULT_LOOKUP_PROBE.windowMs;
  }

  record({ requestId, principal, field, ids }: LookupMiss): void {
    const { agencyId, memberId } = principal;
    this.log.warn({ event: "lookup.not_found", requestId, agencyId, memberId, field, ids }, "lookup found nothing");
    const window = this.#windowOf(`${agencyId}:${memberId}`);
    window.misses += ids.length;
    if (window.misses < this.#threshold || window.alerted) return;
    window.alerted = true;
    this.log.error(
      {
        event: "lookup.probe_suspected",
        requestId,
        agencyId,
        memberId,
        misses: window.misses,
        windowSeconds: Math.round(this.#windowMs / 1000),
      },
      "a member keeps asking for IDs that are not there (probing other agencies?)",
    );
  }

  #windowOf(member: string): Window {
    const now = this.now();
    const current = this.#windows.get(member);
    if (current && now - current.startedAt < this.#windowMs) return current;
    this.#windows.delete(member);
    if (this.#windows.size >= MAX_TRACKED) this.#forgetOldest(now);
    const fresh = { startedAt: now, misses: 0, alerted: false };
    this.#windows.set(member, fresh);
    return fresh;
  }

  #forgetOldest(now: number) {
    for (const [member, window] of this.#windows) {
      if (now - window.startedAt >= this.#windowMs) this.#windows.delete(member);
    }
    // Still full: windows are in the order they started, so the first is the oldest.
    while (this.#windows.size >= MAX_TRACKED) this.#windows.delete(this.#windows.keys().next().value as string);
  }
}
