import { type Cache, type CacheEntityRecord, createInMemoryCache } from "@envelop/response-cache";
import type { ExecutionResult } from "graphql";
import { InFlightQueries } from "./in-flight-queries.ts";

/** The partition of answers to the public (no agency): published pages of every agency. */
export const PUBLIC_PARTITION = "public";

/**
 * Cached query answers kept apart per agency: a cache key starts with its partition (the
 * agency's id, or `public`), and each partition is its own LRU store. So one agency's
 * change drops exactly that agency's answers (and the public ones, which show every
 * agency's published work), and no lookup can ever cross into another agency's store.
 */
export class AgencyPartitionedCache implements Cache {
  readonly #partitions = new Map<string, Cache>();
  /** Answers being computed, shared with identical questions arriving meanwhile. */
  readonly inFlight = new InFlightQueries();

  constructor(private readonly maxEntriesPerPartition = 500) {}

  static key(partition: string, operationKey: string): string {
    return `${partition}|${operationKey}`;
  }

  get(key: string) {
    return this.#partitions.get(partitionOf(key))?.get(key);
  }

  set(key: string, data: ExecutionResult, entities: Iterable<CacheEntityRecord>, ttl: number) {
    const partition = partitionOf(key);
    let store = this.#partitions.get(partition);
    if (!store) {
      store = createInMemoryCache({ max: this.maxEntriesPerPartition });
      this.#partitions.set(partition, store);
    }
    return store.set(key, data, entities, ttl);
  }

  /** Entity-level invalidation is not used: a change drops its agency's whole partition. */
  invalidate(entities: Iterable<CacheEntityRecord>) {
    for (const store of this.#partitions.values()) void store.invalidate(entities);
  }

  /** Forgets every answer of `agencyId`, and every public answer. */
  invalidateAgency(agencyId: string): void {
    this.#partitions.delete(agencyId);
    this.#partitions.delete(PUBLIC_PARTITION);
    this.inFlight.dropAgency(agencyId, PUBLIC_PARTITION);
  }

  /** How many partitions hold answers (tests and metrics). */
  get partitions(): number {
    return this.#partitions.size;
  }
}

function partitionOf(key: string): string {
  return key.slice(0, key.indexOf("|"));
}
