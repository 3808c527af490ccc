/**
 * Remembers the plans Prisma's query compiler makes, keyed by the exact request.
 *
 * Prisma 6.19's Rust-free client compiles every query in WebAssembly on the event loop and
 * keeps nothing (a fifth to a third of the server's CPU under load, bench/README.md).
 * Prisma 7.4 added a parameterised plan cache upstream, but Prisma 7's CLI cannot generate or
 * migrate offline on these machines (TOOLCHAIN.md). Compiling is a pure function of the
 * datamodel and the request text, so a compiler instance can hand back the plan it made for
 * the same text before: dashboards and lists that refresh all day send the same requests.
 *
 * Only plans are kept, never rows; the key holds the request's values (an id, an e-mail), as
 * the request did. A plan is frozen before it is shared, so an executor that tried to write
 * to one would throw rather than corrupt another request (the test suite runs with it).
 */
import { QueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";

/** Plans per compiler: the distinct query shapes a busy server repeats, with their values. */
const PLANS_PER_COMPILER = 2_000;
/** Longer requests (bulk inserts, long id lists) are rarely repeated and would crowd out the rest. */
const LONGEST_CACHED_REQUEST = 8_192;

export interface QueryPlanCacheStats {
  hits: number;
  misses: number;
}

const caches = new WeakMap<QueryCompiler, Map<string, unknown>>();
const stats: QueryPlanCacheStats = { hits: 0, misses: 0 };
let installed = false;

/**
 * Wraps the compiler class the generated client loads (the same ES module instance), once per
 * process. Idempotent; the database module calls it before creating any client.
 */
export function installQueryPlanCache(): void {
  if (installed) return;
  installed = true;
  const prototype = QueryCompiler.prototype;
  const compile = prototype.compile;
  const compileBatch = prototype.compileBatch;
  prototype.compile = function cachedCompile(this: QueryCompiler, request: string) {
    return remembered(this, `q${request}`, () => compile.call(this, request));
  };
  prototype.compileBatch = function cachedCompileBatch(this: QueryCompiler, request: string) {
    return remembered(this, `b${request}`, () => compileBatch.call(this, request));
  };
}

export function queryPlanCacheStats(): QueryPlanCacheStats {
  return { ...stats };
}

function remembered(compiler: QueryCompiler, key: string, compile: () => unknown): unknown {
  if (key.length > LONGEST_CACHED_REQUEST) return compile();
  let plans = caches.get(compiler);
  if (!plans) {
    plans = new Map();
    caches.set(compiler, plans);
  }
  const known = plans.get(key);
  if (known !== undefined) {
    stats.hits++;
    // Most recently used last, so the oldest is first to go.
    plans.delete(key);
    plans.set(key, known);
    return known;
  }
  stats.misses++;
  // A compile error is thrown, not cached: the next identical request reports it again.
  const plan = deepFreeze(compile());
  plans.set(key, plan);
  if (plans.size > PLANS_PER_COMPILER) plans.delete(plans.keys().next().value as string);
  return plan;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
