import { Redis } from "ioredis";
import type { Logger } from "../context.ts";
import { createInMemoryPubSub } from "./in-memory-pub-sub.ts";
import { parseLiveEvent } from "./live-event.ts";
import type { LivePubSub } from "./pub-sub.ts";

/** Every channel this deployment uses starts with this, so a shared Redis stays readable. */
const CHANNEL_PREFIX = "roundtable:";

export interface RedisPubSubOptions {
  /** `redis://` or `rediss://` URL (REDIS_URL). */
  url: string;
  log: Logger;
}

/**
 * Pub/sub through Redis: an event published by any server process reaches the listeners of
 * every process. Each process holds one publishing and one subscribing connection, and
 * subscribes to a Redis channel only while it has local listeners for that topic; events
 * are then fanned out in memory. Channels are `roundtable:agency:<id>:events`.
 */
export function createRedisPubSub({ url, log }: RedisPubSubOptions): LivePubSub {
  const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscriber = publisher.duplicate();
  const local = createInMemoryPubSub();
  // One SUBSCRIBE per topic however many local listeners; a pending promise while it is sent.
  const channels = new Map<string, Promise<unknown>>();
  for (const [name, client] of [
    ["publisher", publisher],
    ["subscriber", subscriber],
  ] as const) {
    // ioredis reconnects by itself; an error event without a listener would crash the process.
    client.on("error", (error: Error) => log.warn({ connection: name, err: { message: error.message } }, "redis error"));
  }
  subscriber.on("message", (channel: string, text: string) => {
    const event = parseLiveEvent(text);
    if (event) void local.publish(channel.slice(CHANNEL_PREFIX.length), event);
  });

  return {
    async publish(topic, event) {
      await publisher.publish(CHANNEL_PREFIX + topic, JSON.stringify(event));
    },
    async subscribe(topic, listener) {
      const stop = await local.subscribe(topic, listener);
      const subscribed = channels.get(topic) ?? subscriber.subscribe(CHANNEL_PREFIX + topic);
      channels.set(topic, subscribed);
      await subscribed;
      return async () => {
        await stop();
        if (local.listenerCount(topic) === 0 && channels.get(topic) === subscribed) {
          channels.delete(topic);
          await subscriber.unsubscribe(CHANNEL_PREFIX + topic).catch(() => undefined);
        }
      };
    },
    async close() {
      await local.close();
      channels.clear();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
