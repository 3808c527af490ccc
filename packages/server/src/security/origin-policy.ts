/**
 * Which web pages may use the API from a browser (SECURITY.md S3, SU-03).
 *
 * Browsers apply no CORS to WebSocket upgrades, so without a check any site a member visits
 * could open a socket to the API in their name (cross-site WebSocket hijacking). Browsers
 * always send `Origin` on WebSocket upgrades and cross-origin requests; a request without
 * it comes from a program (curl, a server, a Node client), which holds its own credentials
 * and is not a confused browser, so it passes.
 */
export interface OriginPolicy {
  /** The origins `ALLOWED_ORIGINS` lists, normalised (`https://dashboard.example.org`). */
  readonly allowedOrigins: readonly string[];
  /**
   * Whether a request may proceed: it sends no Origin, comes from the page's own host
   * (`host` is the request's Host header), or from a listed origin.
   */
  allows(origin: string | null | undefined, host: string | null | undefined): boolean;
}

/**
 * @example
 * const origins = createOriginPolicy(["http://localhost:5173"]);
 * origins.allows("http://localhost:5173", "127.0.0.1:4000"); // true: listed
 * origins.allows("https://evil.example", "127.0.0.1:4000"); // false
 * origins.allows(null, "127.0.0.1:4000"); // true: not a browser
 */
export function createOriginPolicy(allowedOrigins: readonly string[] = []): OriginPolicy {
  const listed = new Set(allowedOrigins.map((origin) => normalizeOrigin(origin) ?? origin));
  return {
    allowedOrigins: [...listed],
    allows(origin, host) {
      if (origin === null || origin === undefined || origin === "") return true;
      const url = parseOrigin(origin);
      if (!url) return false; // "null" (sandboxed frames, file://) and garbage
      // Same host as the page asked for: the API's own pages (GraphiQL) and anything served
      // behind the same reverse proxy. The scheme is not compared because a TLS-terminating
      // proxy talks plain HTTP to us; an attacker would need the same host name anyway.
      if (host && url.host === host.toLowerCase()) return true;
      return listed.has(url.origin);
    },
  };
}

/**
 * `scheme://host[:port]` as browsers send it in `Origin`, or undefined for anything else
 * (paths, queries, credentials, other schemes, `*`): there is deliberately no wildcard.
 */
export function normalizeOrigin(text: string): string | undefined {
  return parseOrigin(text.trim())?.origin;
}

function parseOrigin(text: string): URL | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  return bare && (url.protocol === "http:" || url.protocol === "https:") ? url : undefined;
}
