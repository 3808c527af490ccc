import { randomUUID } from "node:crypto";
import type { Plugin } from "graphql-yoga";

const HEADER = "x-request-id";
const ACCEPTABLE = /^[\w.-]{1,64}$/;

const ids = new WeakMap<Request, string>();

/** The request id: the caller's `X-Request-Id` when sane, else a new UUID; echoed back. */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const offered = request.headers.get(HEADER);
    id = offered && ACCEPTABLE.test(offered) ? offered : randomUUID();
    ids.set(request, id);
  }
  return id;
}

export function useRequestId(): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set(HEADER, requestIdOf(request));
    },
  };
}
