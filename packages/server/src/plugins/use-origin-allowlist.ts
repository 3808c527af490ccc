import type { CORSOptions, Plugin } from "graphql-yoga";
import type { OriginPolicy } from "../security/origin-policy.ts";

/**
 * Refuses (403) a browser request to the GraphQL endpoint from a page the origin policy does
 * not allow, before it is parsed: CORS alone would only stop the page from *reading* the
 * answer, after a mutation had already run. Other routes (health, open data) are public
 * reads and stay open to every origin.
 */
export function useOriginAllowlist(policy: OriginPolicy, graphqlEndpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlEndpoint) return;
      const origin = request.headers.get("origin");
      if (policy.allows(origin, request.headers.get("host"))) return;
      const message = `Origin ${origin} may not use this API; an operator can add it to ALLOWED_ORIGINS.`;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: "FORBIDDEN" } }] }), {
          status: 403,
          headers: { "content-type": "application/json" },
        }),
      );
    },
  };
}

/**
 * yoga's `cors` option: CORS headers on the GraphQL endpoint only for origins the policy
 * allows, so a preflight from any other page fails in the browser. No credentials: the API
 * reads a bearer token, never cookies. Elsewhere no CORS headers are added (open data sets
 * its own `*`).
 */
export function corsForAllowedOrigins(policy: OriginPolicy, graphqlEndpoint: string) {
  return (request: Request): CORSOptions => {
    const origin = request.headers.get("origin");
    if (!origin || new URL(request.url).pathname !== graphqlEndpoint) return false;
    if (!policy.allows(origin, request.headers.get("host"))) return false;
    return { origin: [origin], credentials: false, maxAge: 600 };
  };
}
