import type { IncomingMessage } from "node:http";
import type { Principal } from "@roundtable/core";

/** What yoga's node:http adapter hands each request along with it. */
export interface ServerContext {
  req?: IncomingMessage;
}

export type RequestPrincipal = (request: Request, serverContext: ServerContext) => Promise<Principal>;

/**
 * Who sent a request, worked out once per request. The response cache asks before the
 * GraphQL pipeline runs (to answer a repeated query at once) and the context asks when the
 * operation executes: both get the same sign-in, and a refused token counts once against
 * the failed sign-in limit. Every HTTP request and every WebSocket operation comes as its
 * own Request object, so nothing is remembered past the request it belongs to.
 */
export function oncePerRequest(signIn: RequestPrincipal): RequestPrincipal {
  const signedIn = new WeakMap<Request, Promise<Principal>>();
  return (request, serverContext) => {
    let principal = signedIn.get(request);
    if (!principal) {
      principal = signIn(request, serverContext);
      signedIn.set(request, principal);
    }
    return principal;
  };
}
