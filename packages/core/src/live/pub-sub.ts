import type { LiveEvent } from "./live-event.ts";

export type LiveListener = (event: LiveEvent) => void;

/**
 * Where live events go between the process that committed a change and the processes
 * holding subscribers. In one process it is in memory (`createInMemoryPubSub`); with
 * `REDIS_URL` it is Redis (`createRedisPubSub`), so every process delivers every event.
 */
export interface LivePubSub {
  /** Sends an event to every listener of `topic`, in this process and (Redis) in every other. */
  publish(topic: string, event: LiveEvent): Promise<void>;
  /**
   * Starts listening; resolves once events published from now on will arrive (for Redis:
   * once the server acknowledged the subscription). Returns the function that stops it.
   */
  subscribe(topic: string, listener: LiveListener): Promise<() => Promise<void>>;
  /** Stops every listener and releases connections. */
  close(): Promise<void>;
}
