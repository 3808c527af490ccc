import { createHash } from "node:crypto";
import { useResponseCache } from "@envelop/response-cache";
import type { Context, Principal } from "@roundtable/core";
import { type ExecutionArgs, getOperationAST, print } from "graphql";
import type { Plugin } from "graphql-yoga";
import { AgencyPartitionedCache, PUBLIC_PARTITION } from "./agency-partitioned-cache.ts";
import { InFlightQueries } from "./in-flight-queries.ts";

export interface ResponseCacheOptions {
  /** How long a query's answer is reused at most, in milliseconds; 0 turns caching off. */
  ttlMs: number;
  /** Answers kept per agency (least recently used dropped first). @default 500 */
  maxEntriesPerAgency?: number;
}

/**
 * Reuses a query's answer for the same caller asking the same thing again: station
 * dashboards that refresh all day. The session is the agency, the member and the roles
 * their credential grants, so an answer is never served across agencies, members or roles;
 * the cache key starts with the agency, which partitions the store (AgencyPartitionedCache).
 *
 * Authentication still runs on every request (a revoked token or disabled member is refused
 * before the cache is asked); only execution is skipped. Answers with errors are not kept.
 * Freshness comes from `invalidateAgency`, called for every committed change of the agency
 * (see attachCacheInvalidation), with `ttlMs` as the bound for anything else that changes
 * with time (overdue plans, upcoming meetings).
 */
export function createAgencyResponseCache(options: ResponseCacheOptions): {
  /** In this order (the cache's wrapper outermost): share a running query, then the cache. */
  plugins: Plugin<Context>[];
  cache: AgencyPartitionedCache;
} {
  const cache = new AgencyPartitionedCache(options.maxEntriesPerAgency);
  const plugin = useResponseCache<Context>({
    cache,
    ttl: options.ttlMs,
    session: (context) => sessionOf(context.principal),
    // The question, hashed with node:crypto in place: the plugin's default key goes through
    // WebCrypto's asynchronous digest, a tenth of a cache hit's CPU.
    buildResponseCacheKey: (params) => {
      const { principal } = params.context as Context;
      const text = questionText(principal, params.documentString, params.operationName, params.variableValues);
      return Promise.resolve(
        AgencyPartitionedCache.key(partitionOf(principal), createHash("sha256").update(text).digest("base64url")),
      );
    },
    getDocumentString: documentStringOf,
    // A change empties its agency's partition; answers naming an entity need no extra bookkeeping.
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
  }) as unknown as Plugin<Context>;
  return { plugins: [shareRunningQuery(cache.inFlight), plugin], cache };
}

/**
 * A query that missed the cache and that the same caller is already asking is not run
 * again: this request waits for that answer (and, should it fail, runs on its own). Wraps
 * execution inside the cache's wrapper, so only misses get here and the cache handles the
 * shared answer like any other.
 */
function shareRunningQuery(inFlight: InFlightQueries): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName ?? undefined)?.operation !== "query") return;
      setExecuteFn(async (executeArgs) => {
        // Keyed here, not above: a request the cache answers never gets this far.
        const key = questionKey(executeArgs);
        // Checked and led in the same tick: awaiting before leading would let every request
        // that arrives together find nothing running and run the query itself.
        const running = inFlight.running(key);
        if (running) {
          const answer = await running.catch(() => undefined);
          if (answer) return { ...answer };
        }
        const lead = inFlight.lead(key);
        try {
          const result = await executeFn(executeArgs);
          if (result && typeof result === "object" && ("data" in result || "errors" in result)) lead.settle(result as never);
          else lead.fail(new Error("not a single result"));
          return result;
        } catch (error) {
          lead.fail(error);
          throw error;
        }
      });
    },
  };
}

/** The caller and the question, keyed for sharing a running answer. */
function questionKey(args: ExecutionArgs): string {
  const { principal } = args.contextValue as Context;
  return InFlightQueries.key(
    partitionOf(principal),
    questionText(principal, documentStringOf(args), args.operationName, args.variableValues),
  );
}

/** Who asks and what, as one unambiguous text: both the cache and the in-flight sharing key on it. */
function questionText(
  principal: Principal,
  documentString: string,
  operationName: string | null | undefined,
  variables: unknown,
): string {
  return JSON.stringify([sessionOf(principal), documentString, operationName ?? null, variables ?? null]);
}

/** Yoga parses once and caches documents; the query text the client sent is the question. */
function documentStringOf(args: ExecutionArgs): string {
  return (args.contextValue as { params?: { query?: string } }).params?.query ?? print(args.document);
}

function sessionOf(principal: Principal): string {
  if (principal.kind === "public") return PUBLIC_PARTITION;
  return `${principal.agencyId}:${principal.memberId}:${[...principal.roles].sort().join(",")}`;
}

function partitionOf(principal: Principal): string {
  return principal.kind === "public" ? PUBLIC_PARTITION : principal.agencyId;
}
