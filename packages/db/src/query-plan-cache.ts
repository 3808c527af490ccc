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

/**
 * Plans kept in all, across every compiler in the process (one per Prisma client: the root
 * client and each agency's). The distinct reads a busy server repeats, with their values.
 */
const PLANS_KEPT = 2_000;
/** Longer requests (long id lists) are rarely repeated and would crowd out the rest. */
const LONGEST_CACHED_REQUEST = 8_192;
/**
 * Only reads are kept. A write carries values that are new each time (ids, timestamps,
 * hashes), so its plan is never asked for again; kept, the plans of a stream of mutations
 * filled the cache and held a few hundred megabytes in the bench (workload 3).
 */
const CACHED_ACTIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "aggregate",
  "groupBy",
]);
/** The generated client sends `{"modelName":...,"action":"findMany",...}`: the action is near the start. */
const ACTION = /"action":"(\w+)"/;

export interface QueryPlanCacheStats {
  hits: number;
  misses: number;
  size: number;
}

/** Least recently used first; keyed by the compiler's number and the request. */
const plans = new Map<string, unknown>();
const compilerNumbers = new WeakMap<QueryCompiler, number>();
let nextCompilerNumber = 0;
const stats = { hits: 0, misses: 0 };
let installed = false;

/**
 * Wraps the compiler class the generated client loads (the same ES module instance), once
 * per process. Idempotent; the database module calls it before creating any client.
 *
 * Batches matter as much as single requests: inside an interactive transaction Prisma sends
 * every query started in the same tick as one batch, so a request's reads (a page and its
 * total, a dashboard and its counts) reach the compiler through `compileBatch`. A batch is
 * kept when every query in it is a read.
 */
export function installQueryPlanCache(): void {
  if (installed) return;
  installed = true;
  const prototype = QueryCompiler.prototype;
  const compile = prototype.compile;
  const compileBatch = prototype.compileBatch;
  prototype.compile = function cachedCompile(this: QueryCompiler, request: string) {
    return remembered(
      this,
      request,
      () => isRead(request),
      () => compile.call(this, request),
    );
  };
  prototype.compileBatch = function cachedCompileBatch(this: QueryCompiler, request: string) {
    return remembered(
      this,
      `batch:${request}`,
      () => isBatchOfReads(request),
      () => compileBatch.call(this, request),
    );
  };
}

export function queryPlanCacheStats(): QueryPlanCacheStats {
  return { ...stats, size: plans.size };
}

function isRead(request: string): boolean {
  const action = ACTION.exec(request.slice(0, 300))?.[1];
  return action !== undefined && CACHED_ACTIONS.has(action);
}

/** The client sends `{"batch":[{"modelName":...,"action":...},...],...}`. */
function isBatchOfReads(request: string): boolean {
  const { batch } = JSON.parse(request) as { batch?: { action?: string }[] };
  return Array.isArray(batch) && batch.length > 0 && batch.every((query) => CACHED_ACTIONS.has(query.action ?? ""));
}

/**
 * The plan kept for `request`, else a fresh one, kept when `cacheable`. Looked up before
 * `cacheable` is asked, so a repeated batch is not parsed again to learn that it only reads.
 */
function remembered(compiler: QueryCompiler, request: string, cacheable: () => boolean, compile: () => unknown): unknown {
  if (request.length > LONGEST_CACHED_REQUEST) return compile();
  let number = compilerNumbers.get(compiler);
  if (number === undefined) {
    number = nextCompilerNumber++;
    compilerNumbers.set(compiler, number);
  }
  const key = `${number}:${request}`;
  const known = plans.get(key);
  if (known !== undefined) {
    stats.hits++;
    // Most recently used last, so the oldest is first to go.
    plans.delete(key);
    plans.set(key, known);
    return known;
  }
  if (!cacheable()) return compile();
  stats.misses++;
  // A compile error is thrown, not cached: the next identical request reports it again.
  const plan = deepFreeze(compile());
  plans.set(key, plan);
  if (plans.size > PLANS_KEPT) plans.delete(plans.keys().next().value as string);
  return plan;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
