/**
 * How big an operation may be. The defaults leave at least 50% headroom over the largest
 * operation our own tests, examples and docs send (query-limits.test.ts measures them and
 * fails when one comes too close). Measured: depth 11, cost ~1.03 M (three nested
 * connections at first: 100, the N+1 test), 1 alias, 0 directives.
 */
export interface QueryLimits {
  /** Nesting of fields (armor maxDepth). @default 17 */
  maxDepth: number;
  /** Armor's cost estimate (objects 2, scalars 1, ×1.5 per level, ×first/last literals). @default 1600000 */
  maxCost: number;
  /** Aliased fields per operation (`__typename` aside); each alias is another execution. @default 15 */
  maxAliases: number;
  /** Directives per operation. @default 20 */
  maxDirectives: number;
  /** Lexical tokens per document (checked before parsing builds an AST); ours need 118. @default 1000 */
  maxTokens: number;
  /** Characters per document. @default 15000 */
  maxCharacters: number;
  /** Largest `first`/`last` a connection accepts; more is BAD_USER_INPUT, never clamped. @default 100 */
  maxPageSize: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 17,
  maxCost: 1_600_000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 1000,
  maxCharacters: 15000,
  maxPageSize: 100,
};
