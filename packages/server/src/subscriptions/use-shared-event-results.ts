import type { Context } from "@roundtable/core";
import { createSourceEventStream, type ExecutionArgs, execute, getOperationAST } from "graphql";
import { createGraphQLError, isAsyncIterable, mapAsyncIterator, type Plugin } from "graphql-yoga";
import { createSharedEventResults, type SharedEventResultsOptions } from "./shared-event-results.ts";
import { subscriberGroupKey } from "./subscriber-group-key.ts";

/**
 * Subscription events are executed once per group of subscribers that would get the same
 * payload (same agency, roles, operation and variables, and no resolver asked who the
 * viewer is), not once per subscriber: with thousands of subscribers of an agency, the
 * payload's database reads and resolvers run a handful of times per event instead of
 * thousands. Each subscriber keeps its own event stream (its filter, its queue, its
 * revocation check), and every payload is still resolved with that subscriber's tenant and
 * role (docs/live-feeds.md). Applies to graphql-ws and SSE alike.
 */
export function useSharedEventResults(options: SharedEventResultsOptions = {}): Plugin<Context> {
  const shared = createSharedEventResults(options);
  return {
    onSubscribe({ args, setSubscribeFn }) {
      const group = subscriberGroupKey(args);
      if (group === undefined) return;
      setSubscribeFn(async (subscribeArgs: ExecutionArgs) => {
        const source = await createSourceEventStream(subscribeArgs);
        if (!isAsyncIterable(source)) return source;
        const context = subscribeArgs.contextValue as Context;
        const operation = getOperationAST(subscribeArgs.document, subscribeArgs.operationName);
        return mapAsyncIterator(
          source,
          (event) =>
            shared.resultFor(event, group, context.principal, async (principal) =>
              execute({
                ...subscribeArgs,
                rootValue: event,
                contextValue: principal === context.principal ? context : { ...context, principal },
              }),
            ),
          (error: unknown) => {
            // As the executor does: the stream's own error (access revoked, fell behind) ends the subscription.
            const original = error instanceof Error ? error : new Error(String(error));
            throw createGraphQLError(original.message, { originalError: original, ...(operation ? { nodes: [operation] } : {}) });
          },
        );
      });
    },
  };
}
