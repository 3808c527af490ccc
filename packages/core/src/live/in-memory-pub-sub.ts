import type { LiveListener, LivePubSub } from "./pub-sub.ts";

/**
 * The pub/sub of a single process. Listeners are called synchronously and must not throw
 * (the event stream only queues); one failing listener never stops the others.
 */
export function createInMemoryPubSub(): LivePubSub & { listenerCount(topic: string): number } {
  const topics = new Map<string, Set<LiveListener>>();
  return {
    async publish(topic, event) {
      for (const listener of topics.get(topic) ?? []) {
        try {
          listener(event);
        } catch {
          // A listener's failure is its own subscription's business.
        }
      }
    },
    async subscribe(topic, listener) {
      const listeners = topics.get(topic) ?? new Set<LiveListener>();
      topics.set(topic, listeners);
      // Wrapped so the same function can listen twice and be removed once per subscription.
      const entry: LiveListener = (event) => listener(event);
      listeners.add(entry);
      return async () => {
        listeners.delete(entry);
        if (listeners.size === 0 && topics.get(topic) === listeners) topics.delete(topic);
      };
    },
    async close() {
      topics.clear();
    },
    listenerCount(topic) {
      return topics.get(topic)?.size ?? 0;
    },
  };
}
