import type { Principal } from "@roundtable/core";
import type { ExecutionResult } from "graphql";
import { watchViewerIdentity } from "./viewer-identity-watch.ts";

/** Runs one subscriber's execution of an event, as that subscriber, with `principal` standing in for its own. */
export type ExecuteEvent = (principal: Principal) => Promise<ExecutionResult>;

export interface SharedEventResultsOptions {
  /**
   * How long after it was computed a result may still be handed to another subscriber of
   * the group. Subscribers that read the event later (they were behind) execute it
   * themselves, so nobody is handed data older than this.
   * @default 1000
   */
  freshForMs?: number;
}

interface GroupResult {
  computedAt: number;
  /** Settles with the result when it may be shared, or undefined when it is the first subscriber's alone. */
  shareable: Promise<ExecutionResult | undefined>;
}

/**
 * Executes each live event once per group of subscribers that would get the same answer
 * (`subscriberGroupKey`: agency, roles, operation, variables) instead of once per
 * subscriber. The first subscriber of a group executes as itself, with its identity
 * watched; if no resolver asked who it is, the others of its group get the same result,
 * otherwise each executes the event as itself, as it always could. Results are kept with
 * the event object, which every listener of a topic receives, and go when it does.
 */
export function createSharedEventResults(options: SharedEventResultsOptions = {}) {
  const freshForMs = options.freshForMs ?? 1000;
  const byEvent = new WeakMap<object, Map<string, GroupResult>>();

  return {
    async resultFor(event: unknown, group: string, principal: Principal, execute: ExecuteEvent): Promise<ExecutionResult> {
      if (typeof event !== "object" || event === null) return execute(principal);
      let groups = byEvent.get(event);
      if (!groups) {
        groups = new Map();
        byEvent.set(event, groups);
      }
      const existing = groups.get(group);
      if (existing) {
        const shared = Date.now() - existing.computedAt <= freshForMs ? await existing.shareable : undefined;
        return shared ?? execute(principal);
      }
      const watch = watchViewerIdentity(principal);
      const running = execute(watch.principal);
      groups.set(group, {
        computedAt: Date.now(),
        shareable: running.then(
          (result) => (watch.identityRead() ? undefined : result),
          () => undefined,
        ),
      });
      return running;
    },
  };
}
