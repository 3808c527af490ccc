import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import type { Plugin } from "graphql-yoga";
import type { IdempotencyOptions } from "../plugins/idempotency-key-lifetime.ts";
import { useNoNulCharacters } from "../plugins/use-no-nul-characters.ts";
import { useQueryLimits } from "../plugins/use-query-limits.ts";
import { DEFAULT_OPERATION_RATE_LIMITS, type OperationRateLimits, useRateLimits } from "../plugins/use-rate-limits.ts";
import { DEFAULT_MAX_BODY_BYTES, useRequestSizeLimit } from "../plugins/use-request-size-limit.ts";
import { DEFAULT_REQUEST_TIMEOUT_MS, useRequestTimeout } from "../plugins/use-request-timeout.ts";
import type { LookupProbeOptions } from "./lookup-miss-monitor.ts";
import type { QueryLimits } from "./query-limits.ts";
import type { BucketRule } from "./token-bucket.ts";

/** The security knobs of createApp; every one has a safe default. */
export interface SecurityOptions {
  queryLimits?: Partial<QueryLimits>;
  /** Name the limit and its value in rejections; default: only outside production. */
  exposeLimits?: boolean;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
  operationRateLimits?: OperationRateLimits;
  failedAuthLimit?: BucketRule;
  /** Proxies in front of the server that append to X-Forwarded-For (see clientAddress). @default 0 */
  trustedProxies?: number;
  /**
   * Web pages on other origins that may use the API from a browser (`ALLOWED_ORIGINS`);
   * the API's own host is always allowed, requests without `Origin` too (origin-policy.ts).
   * @default []
   * @example ["https://dashboard.example.org", "http://localhost:5173"]
   */
  allowedOrigins?: readonly string[];
  /** How long Idempotency-Keys live: retention, claim timeout, pruning (idempotency-key-lifetime.ts). */
  idempotency?: IdempotencyOptions;
  /**
   * When a member's lookups by ID that find nothing are alerted on (AU-03,
   * lookup-miss-monitor.ts). @default { threshold: 20, windowMs: 300000 }
   */
  lookupProbe?: LookupProbeOptions;
  /** For the thresholds test: what each accepted operation measured. */
  observeQueryCost?: Parameters<typeof useQueryLimits>[0]["observe"];
}

export interface SecurityPlugins {
  /** Only meaningful for HTTP requests (CSRF header, body size). */
  http: Plugin[];
  /**
   * Limits on the operation itself: size, depth, cost, page sizes, per-operation rate
   * limits, timeout. The WebSocket server must run these too (they are envelop plugins,
   * so `app.getEnveloped` already includes them when the app was built with them).
   */
  operation: Plugin[];
}

/**
 * Our clients send JSON with a bearer token; a cross-site HTML form, multipart or
 * text/plain POST without the `x-graphql-yoga-csrf` header is refused (403) before it is
 * parsed. GET stays open for queries (CONTRACT.md): it cannot mutate (405), and with no
 * cookie auth a cross-site GET carries no credentials.
 */
function useCsrfPreventionOnPosts(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] }) as Plugin;
  return {
    onRequestParse(payload) {
      if (payload.request.method === "GET") return;
      return csrf.onRequestParse?.(payload);
    },
  };
}

/**
 * Every request-level control of docs/security.md in one place. Batching stays off (yoga's
 * default) and mutations over GET are refused by yoga (405); both are tested, not configured.
 */
export function createSecurityPlugins(options: SecurityOptions, production: boolean): SecurityPlugins {
  return {
    http: [useRequestSizeLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), useCsrfPreventionOnPosts()],
    operation: [
      ...useQueryLimits({
        limits: options.queryLimits,
        exposeLimits: options.exposeLimits ?? !production,
        observe: options.observeQueryCost,
      }),
      useNoNulCharacters(),
      useRateLimits(options.operationRateLimits ?? DEFAULT_OPERATION_RATE_LIMITS),
      useRequestTimeout(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    ],
  };
}
