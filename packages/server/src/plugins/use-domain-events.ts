import type { Context, EventBus } from "@roundtable/core";
import type { Plugin } from "graphql-yoga";
import { useFieldHook } from "./use-field-hook.ts";

/**
 * Publishes the domain events of committed changes once an operation has run. Root
 * mutation fields run one after another; when one fails, its transaction rolled back, so
 * the events it recorded are forgotten before the next field runs.
 */
export function useDomainEvents(bus: EventBus): Plugin<Context> {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useFieldHook<Context>(
          (schema, type) => type === schema.getMutationType(),
          ({ context }) => {
            const events = context.events;
            const mark = events.mark();
            return ({ result }) => {
              if (result instanceof Error) events.rollbackTo(mark);
            };
          },
        ) as Plugin<Context>,
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
