export { bridgeBusToPubSub } from "./bridge-bus.ts";
export { type EventStreamOptions, openEventStream } from "./event-stream.ts";
export { createInMemoryPubSub } from "./in-memory-pub-sub.ts";
export { type LiveEvent, parseLiveEvent, toLiveEvent } from "./live-event.ts";
export { createLiveFeeds, type LiveFeeds, type LiveFeedsOptions, stillHolds } from "./live-feeds.ts";
export type { LiveListener, LivePubSub } from "./pub-sub.ts";
export { createRedisPubSub, type RedisPubSubOptions } from "./redis-pub-sub.ts";
export { agencyEventsTopic } from "./topics.ts";
