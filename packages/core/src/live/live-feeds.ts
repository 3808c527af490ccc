import type { GraphQLError } from "graphql";
import type { Principal } from "../auth/principal.ts";
import { userError } from "../errors.ts";
import { type EventStreamOptions, openEventStream } from "./event-stream.ts";
import type { LiveEvent } from "./live-event.ts";
import type { LivePubSub } from "./pub-sub.ts";

/** What subscription resolvers use (`ctx.live`). */
export interface LiveFeeds {
  /**
   * This subscriber's events of `topic`; the stream ends with an error once the caller's
   * access is revoked (checked every `revalidateMs`).
   *
   * @example
   * subscribe: (_root, _args, ctx) => ctx.live.subscribe(agencyEventsTopic(agencyId), (event) => event.type === "finding.raise")
   */
  subscribe(topic: string, filter?: (event: LiveEvent) => boolean): Promise<AsyncIterableIterator<LiveEvent>>;
}

export interface LiveFeedsOptions {
  pubSub: LivePubSub;
  /** Who the subscriber is now (authenticates its credential again); throws when it no longer can. */
  reauthenticate: () => Promise<Principal>;
  /** Who the subscriber was when it subscribed. */
  principal: Principal;
  /** How often open subscriptions re-check their subscriber. @default 60000 */
  revalidateMs?: number;
  /**
   * Whether each stream re-checks its subscriber itself. False where the transport already
   * does it for the whole connection on the same interval (graphql-ws closes the socket).
   * @default true
   */
  recheckEachStream?: boolean;
  maxQueued?: number;
}

/** The live feeds of one request (one subscription operation). */
export function createLiveFeeds(options: LiveFeedsOptions): LiveFeeds {
  const { pubSub, principal, reauthenticate } = options;
  const revalidate = async (): Promise<GraphQLError | undefined> => {
    const now = await reauthenticate().catch(() => undefined);
    return now && stillHolds(principal, now)
      ? undefined
      : userError("UNAUTHENTICATED", "Sign in again: your access changed, so this subscription ended.");
  };
  return {
    subscribe(topic, filter) {
      const streamOptions: EventStreamOptions = {
        ...(filter ? { filter } : {}),
        ...(options.recheckEachStream === false ? {} : { revalidate }),
        revalidateMs: options.revalidateMs ?? 60_000,
        ...(options.maxQueued ? { maxQueued: options.maxQueued } : {}),
      };
      return openEventStream(pubSub, topic, streamOptions);
    },
  };
}

/**
 * True while `now` still grants everything `before` did: the same member of the same
 * agency with every role it subscribed with. A token that expired or a member disabled
 * fails to authenticate at all; a role taken away shows as a missing role.
 */
export function stillHolds(before: Principal, now: Principal): boolean {
  if (before.kind === "public") return now.kind === "public";
  return (
    now.kind === "member" &&
    now.agencyId === before.agencyId &&
    now.memberId === before.memberId &&
    before.roles.every((role) => now.roles.includes(role))
  );
}
