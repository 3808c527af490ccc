import type { ExecutionResult } from "graphql";
import { InFlightQueries } from "./in-flight-queries.ts";

/** The partition of answers to the public (no agency): published pages of every agency. */
export const PUBLIC_PARTITION = "public";

/** How long one refresher may take before another caller is let refresh instead. */
const REFRESH_GRACE_MS = 5_000;

interface Entry {
  result: ExecutionResult;
  freshUntil: number;
  /** Served while one caller refreshes it; after that, gone. */
  staleUntil: number;
  refreshingSince?: number;
}

/**
 * Cached query answers kept apart per agency: a cache key starts with its partition (the
 * agency's id, or `public`), and each partition is its own LRU store. So one agency's
 * change drops exactly that agency's answers (and the public ones, which show every
 * agency's published work), and no lookup can ever cross into another agency's store.
 *
 * An answer past its TTL is refreshed by the first caller to ask, while the others are
 * still served it for up to one more TTL (stale-while-revalidate): refreshing never stalls
 * a dashboard. Only time makes an answer stale here; a change of the agency deletes it.
 *
 * An answer is kept only if its agency has not changed since the query began
 * (`changesOf` before, `set` with that count after): a dashboard that began reading before
 * a change committed and finished after it would otherwise be kept, and served, without it.
 */
export class AgencyPartitionedCache {
  readonly #partitions = new Map<string, Map<string, Entry>>();
  /** How many times each partition has been dropped: one number per agency that ever changed. */
  readonly #changes = new Map<string, number>();
  /** Answers being computed, shared with identical questions arriving meanwhile. */
  readonly inFlight = new InFlightQueries();

  constructor(
    private readonly maxEntriesPerPartition = 500,
    private readonly now: () => number = Date.now,
  ) {}

  static key(partition: string, operationKey: string): string {
    return `${partition}|${operationKey}`;
  }

  get(key: string): ExecutionResult | undefined {
    const store = this.#partitions.get(partitionOf(key));
    const entry = store?.get(key);
    if (!store || !entry) return undefined;
    const now = this.now();
    if (now < entry.freshUntil) return entry.result;
    if (now >= entry.staleUntil) {
      store.delete(key);
      return undefined;
    }
    if (entry.refreshingSince === undefined || now - entry.refreshingSince > REFRESH_GRACE_MS) {
      entry.refreshingSince = now;
      return undefined;
    }
    return entry.result;
  }

  /** The count `set` checks: take it before the query that makes the answer begins. */
  changesOf(key: string): number {
    return this.#changes.get(partitionOf(key)) ?? 0;
  }

  /** Keeps `result` unless its agency changed after `changesSeen` was taken (an answer begun before the change). */
  set(key: string, result: ExecutionResult, ttl: number, changesSeen = this.changesOf(key)): void {
    if (!(ttl > 0) || !Number.isFinite(ttl)) return;
    const partition = partitionOf(key);
    if (changesSeen !== this.changesOf(key)) return;
    let store = this.#partitions.get(partition);
    if (!store) {
      store = new Map();
      this.#partitions.set(partition, store);
    }
    const freshUntil = this.now() + ttl;
    store.delete(key);
    store.set(key, { result: withRememberedText(result), freshUntil, staleUntil: freshUntil + ttl });
    if (store.size > this.maxEntriesPerPartition) store.delete(store.keys().next().value as string);
  }

  /** Forgets every answer of `agencyId`, and every public answer. */
  invalidateAgency(agencyId: string): void {
    for (const partition of [agencyId, PUBLIC_PARTITION]) this.#changes.set(partition, (this.#changes.get(partition) ?? 0) + 1);
    this.#partitions.delete(agencyId);
    this.#partitions.delete(PUBLIC_PARTITION);
    this.inFlight.dropAgency(agencyId, PUBLIC_PARTITION);
  }
}

/**
 * Gives a kept answer a `stringify` that yoga uses instead of JSON.stringify (yoga honours a
 * result's own `stringify`): the text is made on the first hit and reused by every later one,
 * so a large dashboard is not serialised again for each of the hundreds of hits a second.
 * Not enumerable, so it is never part of the text itself.
 */
function withRememberedText(result: ExecutionResult): ExecutionResult {
  let text: string | undefined;
  Object.defineProperty(result, "stringify", {
    value: (shown: unknown) => {
      if (shown !== result) return JSON.stringify(shown);
      text ??= JSON.stringify(result);
      return text;
    },
    enumerable: false,
    configurable: true,
  });
  return result;
}

function partitionOf(key: string): string {
  return key.slice(0, key.indexOf("|"));
}
