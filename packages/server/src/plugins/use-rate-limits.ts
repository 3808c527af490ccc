import { type Context, userError } from "@roundtable/core";
import { type DocumentNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import { UNKNOWN_ADDRESS } from "../security/client-address.ts";
import { type BucketRule, TokenBuckets } from "../security/token-bucket.ts";

/** Per-address limits on public root fields, counted per field occurrence (aliases count). */
export type OperationRateLimits = Record<string, BucketRule>;

export const DEFAULT_OPERATION_RATE_LIMITS: OperationRateLimits = {
  submitFeedback: { capacity: 10, perMinute: 10 },
  submitSurveyResponse: { capacity: 20, perMinute: 20 },
};

/**
 * Rate limits counted per operation, not per HTTP request: `mutation { a: submitFeedback
 * b: submitFeedback }` takes two. An operation over the limit runs none of its fields and
 * answers RATE_LIMITED with `extensions.retryAfter` (seconds). The client address comes
 * from the context (`source`, see clientAddress). An envelop plugin, so the WebSocket path
 * gets the same limits.
 */
export function useRateLimits(limits: OperationRateLimits = DEFAULT_OPERATION_RATE_LIMITS): Plugin {
  const buckets = new Map(Object.entries(limits).map(([field, rule]) => [field, new TokenBuckets(rule)]));
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const address = (args.contextValue as unknown as Context).source ?? UNKNOWN_ADDRESS;
      // In-process calls (app.fetch in tests, no socket) have no address to hold to account.
      if (address === UNKNOWN_ADDRESS) return;
      const counts = rootFieldCounts(args.document, args.operationName, buckets);
      if (counts.size === 0) return;
      // Check every limited field first, so a refused operation consumes nothing.
      for (const [field, count] of counts) {
        const verdict = buckets.get(field)?.peek(address, count);
        if (verdict && !verdict.ok) {
          setResultAndStopExecution({
            errors: [
              userError("RATE_LIMITED", `${field}: too many requests from your address; try again in ${verdict.retryAfter} s.`, {
                retryAfter: verdict.retryAfter,
              }),
            ],
          });
          return;
        }
      }
      for (const [field, count] of counts) buckets.get(field)?.take(address, count);
    },
  };
}

/** How often each rate-limited field appears at the root of the operation (through fragments too). */
function rootFieldCounts(document: DocumentNode, operationName: string | null | undefined, limited: Map<string, unknown>) {
  const counts = new Map<string, number>();
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  if (!operation) return counts;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition.selectionSet] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (limited.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment);
      }
    }
  };
  walk(operation.selectionSet);
  return counts;
}
