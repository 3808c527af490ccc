import type { Logger } from "../context.ts";
import type { EventBus } from "../events/event-bus.ts";
import { toLiveEvent } from "./live-event.ts";
import type { LivePubSub } from "./pub-sub.ts";
import { agencyEventsTopic } from "./topics.ts";

/**
 * Forwards every committed domain event from the bus to its agency's topic. Returns the
 * function that stops forwarding. Publishing runs after the request answered (the bus is
 * asynchronous), so a slow Redis never delays a mutation.
 */
export function bridgeBusToPubSub(bus: EventBus, pubSub: LivePubSub, log: Logger): () => void {
  return bus.subscribe(async (events) => {
    for (const event of events) {
      await pubSub
        .publish(agencyEventsTopic(event.agencyId), toLiveEvent(event))
        .catch((error: unknown) =>
          log.error({ err: { message: (error as Error).message }, type: event.type }, "live event not published"),
        );
    }
  });
}
