import type { Context } from "@roundtable/core";
import { type ExecutionResult, getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { RequestPrincipal } from "../request-principal.ts";
import { AgencyPartitionedCache } from "./agency-partitioned-cache.ts";
import { answerKey, answerKeyOf } from "./answer-key.ts";

export interface ResponseCacheOptions {
  /** How long a query's answer is reused at most, in milliseconds; 0 turns caching off. */
  ttlMs: number;
  /** Answers kept per agency (least recently used dropped first). @default 500 */
  maxEntriesPerAgency?: number;
}

/**
 * Reuses a query's answer for the same caller asking the same thing again: station
 * dashboards that refresh all day. The key (answer-key.ts) holds the agency, the member and
 * the roles their credential grants, so an answer is never served across agencies, members
 * or roles, and it starts with the agency, which partitions the store (AgencyPartitionedCache).
 *
 * Over HTTP, given `whoAsks`, a repeated question is answered as soon as yoga has read the
 * request's parameters: after the origin, body-size and CSRF checks and the sign-in (a
 * revoked token or disabled member is refused as before), but before the document is parsed,
 * validated, a context built or anything executed. Those steps decide nothing a kept answer
 * depends on: the same document passed them when the answer was made, and only queries
 * without errors are kept. WebSocket operations, and yogas without `whoAsks`, are looked up
 * when they execute.
 *
 * Freshness comes from `invalidateAgency`, called for every committed change of the agency
 * (see attachCacheInvalidation), with `ttlMs` as the bound for anything else that changes
 * with time (overdue plans, upcoming meetings).
 *
 * Hand-written rather than @envelop/response-cache: that plugin looks answers up inside
 * execution only, so a hit still paid for the whole GraphQL pipeline (answering before it
 * made hits a fifth to a quarter faster in 6 s runs), and it rewrites every document to
 * collect entity ids we never use.
 */
export function createAgencyResponseCache(
  options: ResponseCacheOptions,
  whoAsks?: RequestPrincipal,
): {
  /** The execution wrapper, listed after the request transaction so a hit never opens one. */
  plugins: Plugin<Context>[];
  cache: AgencyPartitionedCache;
} {
  const cache = new AgencyPartitionedCache(options.maxEntriesPerAgency);
  // HTTP requests already looked up (and missed) before the pipeline, with their key.
  const missedEarly = new WeakMap<Request, string>();
  const plugins = [keepAndShareAnswers(cache, options.ttlMs, missedEarly)];
  if (whoAsks) plugins.push(answerBeforeThePipeline(cache, whoAsks, missedEarly));
  return { plugins, cache };
}

/** Answers a repeated HTTP question from the cache before yoga parses or executes anything. */
function answerBeforeThePipeline(
  cache: AgencyPartitionedCache,
  whoAsks: RequestPrincipal,
  missedEarly: WeakMap<Request, string>,
): Plugin<Context> {
  return {
    onParams({ params, request, context, setResult }) {
      // A persisted query names its document by hash: it is looked up when it executes.
      if (typeof params.query !== "string") return;
      const question = { query: params.query, operationName: params.operationName, variables: params.variables };
      return whoAsks(request, context).then(
        (principal) => {
          const key = answerKey(principal, question);
          const answer = cache.get(key);
          if (answer) setResult(answer);
          else missedEarly.set(request, key);
        },
        // A refused sign-in is answered by the context, which asks the same (remembered) sign-in.
        () => undefined,
      );
    },
  };
}

/**
 * For a query that executes: looks it up unless that was done already, then runs it with
 * the same caller's identical question sharing one run (fifty station screens refreshing as
 * their answer expires run the query once; the others wait for that answer, holding no
 * database connection), and keeps an answer without errors.
 */
function keepAndShareAnswers(
  cache: AgencyPartitionedCache,
  ttlMs: number,
  missedEarly: WeakMap<Request, string>,
): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      if (getOperationAST(args.document, args.operationName ?? undefined)?.operation !== "query") return;
      const request = (args.contextValue as { request?: Request }).request;
      const keyedEarly = request && missedEarly.get(request);
      const key = keyedEarly ?? answerKeyOf(args);
      if (keyedEarly === undefined) {
        const answer = cache.get(key);
        if (answer) return setResultAndStopExecution(answer);
      }
      setExecuteFn(async (executeArgs) => {
        // Checked and led in the same tick: awaiting before leading would let every request
        // that arrives together find nothing running and run the query itself.
        const running = cache.inFlight.running(key);
        if (running) {
          const answer = await running.catch(() => undefined);
          if (answer) return { ...answer };
        }
        const lead = cache.inFlight.lead(key);
        const changesSeen = cache.changesOf(key);
        try {
          const result = await executeFn(executeArgs);
          if (!isSingleResult(result)) {
            lead.fail(new Error("not a single result"));
            return result;
          }
          lead.settle(result);
          if (!result.errors?.length) cache.set(key, result, ttlMs, changesSeen);
          return result;
        } catch (error) {
          lead.fail(error);
          throw error;
        }
      });
    },
  };
}

function isSingleResult(result: unknown): result is ExecutionResult {
  return typeof result === "object" && result !== null && ("data" in result || "errors" in result);
}
