import type { GraphQLError } from "graphql";
import { userError } from "../errors.ts";
import type { LiveEvent } from "./live-event.ts";
import type { LivePubSub } from "./pub-sub.ts";

export interface EventStreamOptions {
  /** Only events this accepts are delivered. */
  filter?: (event: LiveEvent) => boolean;
  /**
   * Asked every `revalidateMs`; when it answers with an error the stream ends with it
   * (the subscriber's token expired, the member was disabled or lost a role).
   */
  revalidate?: () => Promise<GraphQLError | undefined>;
  revalidateMs?: number;
  /**
   * Events waiting for a subscriber that does not keep up; past this the stream ends with
   * RATE_LIMITED instead of growing without bound.
   * @default 1000
   */
  maxQueued?: number;
}

/**
 * One subscriber's events of one topic, as the async iterator GraphQL subscriptions read.
 * Resolves once the pub/sub has confirmed the subscription, so nothing published after
 * this returns is missed. Ending the iterator (client unsubscribes) stops listening.
 */
export async function openEventStream(
  pubSub: LivePubSub,
  topic: string,
  options: EventStreamOptions = {},
): Promise<AsyncIterableIterator<LiveEvent>> {
  const { filter = () => true, revalidate, revalidateMs = 60_000, maxQueued = 1000 } = options;
  const queue: LiveEvent[] = [];
  let waiting: { resolve: (result: IteratorResult<LiveEvent>) => void; reject: (error: unknown) => void } | undefined;
  let failure: GraphQLError | undefined;
  let finished = false;

  const stop = await pubSub.subscribe(topic, (event) => {
    if (finished || failure || !filter(event)) return;
    if (waiting) {
      const { resolve } = waiting;
      waiting = undefined;
      resolve({ value: event, done: false });
    } else if (queue.length >= maxQueued) {
      fail(userError("RATE_LIMITED", "The subscription fell too far behind and was ended; subscribe again."));
    } else {
      queue.push(event);
    }
  });

  const timer = revalidate
    ? setInterval(() => {
        revalidate()
          .then((error) => error && fail(error))
          .catch(() => fail(userError("UNAUTHENTICATED", "Sign in again: your access could not be confirmed.")));
      }, revalidateMs)
    : undefined;
  timer?.unref();

  function release(): void {
    if (timer) clearInterval(timer);
    void stop();
  }

  function fail(error: GraphQLError): void {
    if (finished || failure) return;
    failure = error;
    queue.length = 0;
    release();
    if (waiting) {
      const { reject } = waiting;
      waiting = undefined;
      finished = true;
      reject(error);
    }
  }

  function finish(): IteratorResult<LiveEvent> {
    if (!finished) {
      finished = true;
      queue.length = 0;
      if (!failure) release();
      waiting?.resolve({ value: undefined, done: true });
      waiting = undefined;
    }
    return { value: undefined, done: true };
  }

  const iterator: AsyncIterableIterator<LiveEvent> = {
    next() {
      if (failure && !finished) {
        finished = true;
        return Promise.reject(failure);
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      const event = queue.shift();
      if (event) return Promise.resolve({ value: event, done: false });
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return() {
      return Promise.resolve(finish());
    },
    throw(error) {
      finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
