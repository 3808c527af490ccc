import { hash } from "node:crypto";
import type { Authenticate, Principal } from "@roundtable/core";

interface Entry {
  principal: Principal;
  agencyId: string | undefined;
  until: number;
}

/**
 * Who a bearer token belongs to, remembered for as long as query answers are (the response
 * cache's TTL), so that a dashboard refresh answered from the cache needs no database at all.
 * An entry lasts until the token's own expiry at the latest, and every committed change of
 * the agency (a member disabled, a role removed, a token revoked: all audited domain events)
 * forgets the agency's entries at once, in every process (attachCacheInvalidation).
 * Refusals are never kept, so a refused token is always checked (and counted by the failed
 * sign-in limit) afresh. Tokens are held as SHA-256 digests, not as themselves.
 *
 * Identical sign-ins running at the same moment are one: fifty station screens of one member
 * whose remembered sign-in was just forgotten (any change of the agency forgets it) wait for
 * one check instead of running fifty. A check that was running when any agency changed is
 * neither joined by later callers nor remembered, since it may have read the member before
 * the change.
 */
export class CachedAuthentication {
  readonly #entries = new Map<string, Entry>();
  readonly #running = new Map<string, Promise<Principal>>();
  /** Bumped by every invalidation; a check begun under an older epoch is not kept. */
  #epoch = 0;

  constructor(
    private readonly authenticate: Authenticate,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  readonly lookup: Authenticate = async (authorization) => {
    if (!authorization) return this.authenticate(authorization);
    const key = hash("sha256", authorization, "base64url");
    const cached = this.#entries.get(key);
    if (cached && cached.until > this.now()) return cached.principal;
    const running = this.#running.get(key);
    if (running) return running;
    const checking = this.#check(key, authorization);
    this.#running.set(key, checking);
    try {
      return await checking;
    } finally {
      if (this.#running.get(key) === checking) this.#running.delete(key);
    }
  };

  async #check(key: string, authorization: string): Promise<Principal> {
    const epoch = this.#epoch;
    const principal = await this.authenticate(authorization);
    if (epoch === this.#epoch) this.#remember(key, principal);
    return principal;
  }

  #remember(key: string, principal: Principal) {
    const expires = principal.kind === "member" ? principal.expiresAt?.getTime() : undefined;
    this.#entries.delete(key);
    this.#entries.set(key, {
      principal,
      agencyId: principal.kind === "member" ? principal.agencyId : undefined,
      until: Math.min(this.now() + this.ttlMs, expires ?? Number.POSITIVE_INFINITY),
    });
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  /** Forgets every sign-in of the agency: the next request of its members is checked afresh. */
  invalidateAgency(agencyId: string): void {
    this.#epoch += 1;
    // Which agency a running check belongs to is known only when it ends: later callers start their own.
    this.#running.clear();
    for (const [key, entry] of this.#entries) if (entry.agencyId === agencyId) this.#entries.delete(key);
  }
}
