import type { IncomingMessage } from "node:http";

/** No socket and no trusted header: an in-process call (tests driving `app.fetch`). */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * The address a request came from, for rate limits and the audit trail.
 *
 * With `trustedProxies = 0` (the default) X-Forwarded-For is ignored: anyone can write it.
 * Behind N proxies that each append the address they saw, the entry N places from the end
 * is the one our outermost trusted proxy saw; entries before it are client-supplied and
 * never trusted. Without a socket (tests driving `app.fetch`) and without a trusted header
 * the address is UNKNOWN_ADDRESS, which rate limits leave alone (a real connection always
 * has a socket address).
 */
export function clientAddress(
  request: Request,
  serverContext: { req?: IncomingMessage } | undefined,
  trustedProxies: number,
): string {
  if (trustedProxies > 0) {
    const hops = (request.headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    const hop = hops[hops.length - trustedProxies];
    if (hop) return hop;
  }
  return serverContext?.req?.socket?.remoteAddress ?? UNKNOWN_ADDRESS;
}
