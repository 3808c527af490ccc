import type { Plugin } from "graphql-yoga";

/**
 * `GET <endpoint>`: 200 while `check` says the server can take traffic, else 503 (load
 * balancers stop sending requests). The body is empty either way: a failed database ping's
 * message (an address, a driver error) is for the logs, not for whoever asks.
 *
 * Yoga's useReadinessCheck answers the same, but tests every request's URL against a
 * URLPattern polyfill when the path is not its endpoint; that was a thirtieth of the CPU of
 * a request answered from the response cache (docs/performance.md).
 */
export function useReadinessEndpoint(endpoint: string, check: () => Promise<boolean>): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      return check()
        .catch(() => false)
        .then((ready) => endResponse(new fetchAPI.Response(null, { status: ready ? 200 : 503 })));
    },
  };
}
