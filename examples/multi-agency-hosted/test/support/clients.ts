import { createClient } from "graphql-ws";
import WebSocket from "ws";

/** nginx names the server process that answered in this header (nginx.conf.template). */
const UPSTREAM_HEADER = "x-roundtable-upstream";

export interface ProxiedResult<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  /** Which server process answered, through nginx. */
  upstream: string;
}

/** One GraphQL request over HTTP through the load balancer. */
export async function graphql<T>(
  url: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<ProxiedResult<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await response.json()) as Omit<ProxiedResult<T>, "upstream">;
  return { ...body, upstream: response.headers.get(UPSTREAM_HEADER) ?? "" };
}

export interface Subscriber<T> {
  received: T[];
  errors: unknown[];
  /** Close codes the socket saw, in order. */
  closes: number[];
  /** The server process behind the socket's latest handshake. */
  upstream(): string;
  close(): Promise<void>;
}

/**
 * A graphql-ws subscriber through the load balancer that records which server process took
 * each handshake, and reconnects on the codes docs/live-feeds.md says clients reconnect on.
 */
export function subscribeOverWebSocket<T>(
  wsUrl: string,
  token: string,
  query: string,
  options: { origin?: string } = {},
): Subscriber<T> {
  const subscriber: Subscriber<T> & { handshakes: string[] } = {
    received: [],
    errors: [],
    closes: [],
    handshakes: [],
    upstream: () => subscriber.handshakes.at(-1) ?? "",
    close: async () => client.dispose(),
  };
  class RecordingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, options.origin ? { origin: options.origin } : {});
      this.once("upgrade", (response) => subscriber.handshakes.push(String(response.headers[UPSTREAM_HEADER] ?? "")));
    }
  }
  const client = createClient({
    url: wsUrl,
    webSocketImpl: RecordingWebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 5,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 200)),
    shouldRetry: (event) => [1001, 1013].includes((event as { code?: number }).code ?? 0),
    on: { closed: (event) => subscriber.closes.push((event as { code: number }).code) },
    onNonLazyError: (error) => subscriber.errors.push(error),
  });
  client.subscribe<T>(
    { query },
    {
      next: (result) => {
        if (result.data) subscriber.received.push(result.data as T);
        if (result.errors) subscriber.errors.push(...result.errors);
      },
      error: (error) => subscriber.errors.push(error),
      complete: () => undefined,
    },
  );
  return subscriber;
}

/** An SSE subscriber (POST with Accept: text/event-stream) through the load balancer. */
export function subscribeOverSse<T>(url: string, token: string, query: string): Subscriber<T> {
  const abort = new AbortController();
  let upstream = "";
  const subscriber: Subscriber<T> = {
    received: [],
    errors: [],
    closes: [],
    upstream: () => upstream,
    close: async () => abort.abort(),
  };
  void (async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
      signal: abort.signal,
    });
    upstream = response.headers.get(UPSTREAM_HEADER) ?? "";
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffered += chunk.value;
      const events = buffered.split("\n\n");
      buffered = events.pop() ?? "";
      for (const event of events) {
        const data = event
          .split("\n")
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5))
          .join("\n");
        if (!data) continue;
        const result = JSON.parse(data) as { data?: T; errors?: unknown[] };
        if (result.data) subscriber.received.push(result.data);
        if (result.errors) subscriber.errors.push(...result.errors);
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) subscriber.errors.push(error);
  });
  return subscriber;
}

/** Polls until `check` holds (it may act, e.g. cause another event), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
