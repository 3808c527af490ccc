import type { Plugin } from "graphql-yoga";

/**
 * @default 6 MiB: the CSV imports (indicators, members) travel as a variable and may be up
 * to 5 MB, which their own check reports by name; anything larger is refused before parsing.
 */
export const DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * Refuses request bodies over `maxBytes` with 413 before they are read, and bodies of
 * unknown length (chunked transfer) with 411, because their size is only known after
 * reading them all. Browsers and GraphQL clients send Content-Length for these requests.
 * HTTP only: WebSocket frames are capped by the ws server's `maxPayload`.
 */
export function useRequestSizeLimit(maxBytes = DEFAULT_MAX_BODY_BYTES): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return;
      const length = request.headers.get("content-length");
      if (length === null) {
        if (request.body === null) return;
        endResponse(refusal(fetchAPI, 411, "Send a Content-Length header with the request body."));
        return;
      }
      if (!/^\d+$/.test(length) || Number(length) > maxBytes) {
        endResponse(refusal(fetchAPI, 413, `The request body is larger than ${maxBytes} bytes.`));
      }
    },
  };
}

function refusal(fetchAPI: { Response: typeof Response }, status: number, message: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: "BAD_USER_INPUT" } }] }), {
    status,
    headers: { "content-type": "application/json" },
  });
}
