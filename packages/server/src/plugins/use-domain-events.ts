import { useOnResolve } from "@envelop/on-resolve";
import type { Context, EventBus } from "@roundtable/core";
import type { Plugin } from "graphql-yoga";

/**
 * Publishes the domain events of committed changes once an operation has run. Root
 * mutation fields run one after another; when one fails, its transaction rolled back, so
 * the events it recorded are forgotten before the next field runs.
 */
export function useDomainEvents(bus: EventBus): Plugin<Context> {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useOnResolve(({ context, info }) => {
          if (info.parentType.name !== "Mutation") return;
          const events = (context as Context).events;
          const mark = events.mark();
          return ({ result }) => {
            if (result instanceof Error) events.rollbackTo(mark);
          };
        }) as Plugin<Context>,
      );
    },
    onExecute() {
      return {
        onExecuteDone({ args }) {
          const context = args.contextValue as Context;
          bus.publish(context.events.drain());
        },
      };
    },
  };
}
