import type { Plugin } from "graphql-yoga";
import type { RoundtableLogger } from "../logger.ts";
import { requestIdOf } from "./use-request-id.ts";

const started = new WeakMap<Request, number>();

/** One log line per HTTP request: method, path, status, duration, request id. No bodies. */
export function useRequestLog(log: RoundtableLogger): Plugin {
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onResponse({ request, response }) {
      // Only built when it is written: a cached answer takes a few dozen microseconds in all.
      if (!log.isLevelEnabled("info")) return;
      const start = started.get(request);
      log.info(
        {
          requestId: requestIdOf(request),
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          ms: start === undefined ? undefined : Math.round((performance.now() - start) * 10) / 10,
        },
        "request",
      );
    },
  };
}
