import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { characterLimitPlugin } from "@escape.tech/graphql-armor-character-limit";
import type { Plugin } from "graphql-yoga";
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from "../security/query-limits.ts";
import { usePageSizeLimit } from "./use-page-size-limit.ts";

export interface QueryLimitOptions {
  limits?: Partial<QueryLimits>;
  /** Say which limit was hit and its value in the error (development); production says only "Query validation error." */
  exposeLimits: boolean;
  /** Called with what each accepted operation measured (the thresholds test uses it). */
  observe?: (measure: "depth" | "cost" | "aliases" | "directives" | "tokens", value: number) => void;
}

/**
 * Refuses operations too big to run, before they run: graphql-armor's depth, cost, alias,
 * directive and token limits in validation and parsing, its character limit, and a hard
 * cap on page sizes (armor multiplies cost only by literal `first`/`last`, so a page size
 * passed as a variable must be checked on its own). Field-suggestion blocking stays with
 * useSchemaExposure (it is switched by FIELD_SUGGESTIONS, not by these limits).
 *
 * These are envelop plugins: they run wherever the app's envelop runs, so the WebSocket
 * path (graphql-ws through `app.getEnveloped`) gets the same limits as HTTP.
 */
export function useQueryLimits({ limits: overrides = {}, exposeLimits, observe }: QueryLimitOptions): Plugin[] {
  const limits = { ...DEFAULT_QUERY_LIMITS, ...overrides };
  const accept = (measure: Parameters<NonNullable<typeof observe>>[0]) =>
    observe ? { onAccept: [(_ctx: unknown, details: { n: number }) => observe(measure, details.n)] } : {};
  const armor = new EnvelopArmor({
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: limits.maxDepth, exposeLimits, ...accept("depth") },
    costLimit: { maxCost: limits.maxCost, exposeLimits, ...accept("cost") },
    maxAliases: { n: limits.maxAliases, exposeLimits, ...accept("aliases") },
    maxDirectives: { n: limits.maxDirectives, exposeLimits, ...accept("directives") },
    maxTokens: { n: limits.maxTokens, exposeLimits, ...accept("tokens") },
  });
  return [
    ...(armor.protect().plugins as Plugin[]),
    // After armor: its token limit replaces the parse function, this one wraps whatever is set.
    characterLimitPlugin({ maxLength: limits.maxCharacters, exposeLimits }) as Plugin,
    usePageSizeLimit(limits.maxPageSize),
  ];
}
