import type { EventBus, LivePubSub } from "@roundtable/core";
/** Something that keeps per-agency answers: the response cache, remembered sign-ins. */
export interface AgencyInvalidation {
  invalidateAgency(agencyId: string): void;
}

/** Every process listens here for the agencies whose cached answers another process made stale. */
export const CACHE_INVALIDATION_TOPIC = "response-cache:invalidations";

/**
 * Keeps cached answers fresh: every committed change of an agency (its domain events, which
 * are published only after commit) drops that agency's cached answers in this process at
 * once, before the client can ask again, and is passed on through the pub/sub so that every
 * other server process (Redis) drops them too. Returns the function that stops it.
 */
export async function attachCacheInvalidation(
  caches: AgencyInvalidation[],
  bus: EventBus,
  pubSub: LivePubSub,
): Promise<() => Promise<void>> {
  const unsubscribeBus = bus.subscribe(async (events) => {
    for (const agencyId of new Set(events.map((event) => event.agencyId))) {
      for (const cache of caches) cache.invalidateAgency(agencyId);
      // Ids only, like every live event; a lost message leaves other processes stale for one TTL at most.
      const notice = { type: "cache.invalidate", agencyId, entityType: "Agency", entityId: null, actorMemberId: null };
      await pubSub.publish(CACHE_INVALIDATION_TOPIC, { ...notice, at: new Date().toISOString() }).catch(() => undefined);
    }
  });
  const unsubscribePubSub = await pubSub.subscribe(CACHE_INVALIDATION_TOPIC, (event) => {
    for (const cache of caches) cache.invalidateAgency(event.agencyId);
  });
  return async () => {
    unsubscribeBus();
    await unsubscribePubSub();
  };
}
