import type { Logger } from "../context.ts";
import type { DomainEvent } from "./domain-event.ts";

export type EventHandler = (events: DomainEvent[]) => Promise<void> | void;

/**
 * The one bus domain events go through after their transaction committed. It feeds the
 * compliance engine now and live feeds later. Handlers run asynchronously: a slow or
 * failing handler never delays or fails the request that caused the events.
 */
export interface EventBus {
  publish(events: DomainEvent[]): void;
  subscribe(handler: EventHandler): () => void;
  /** Resolves once every handler started so far has finished (tests and shutdown wait on it). */
  settled(): Promise<void>;
}

export function createEventBus(log: Logger): EventBus {
  const handlers = new Set<EventHandler>();
  const pending = new Set<Promise<void>>();
  return {
    publish(events) {
      if (events.length === 0) return;
      for (const handler of handlers) {
        const run = Promise.resolve()
          .then(() => handler(events))
          .catch((error: unknown) => log.error({ err: error, types: events.map((event) => event.type) }, "event handler failed"))
          .finally(() => pending.delete(run));
        pending.add(run);
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
