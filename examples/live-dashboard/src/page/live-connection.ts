import { createClient } from "graphql-ws";
import type { ApiError } from "./graphql-http.ts";

/** What the page tells the person about the live connection. */
export type ConnectionState =
  | { kind: "connecting" }
  | { kind: "live" }
  | { kind: "reconnecting"; inSeconds?: number }
  /** The token was refused or the member's access revoked (close code 4403): sign in again. */
  | { kind: "refused" }
  /** Retrying cannot help (a protocol error); the reason is for the person to read. */
  | { kind: "failed"; reason: string };

export interface LiveConnection {
  /** Starts a subscription; it is sent again after every reconnect. */
  subscribe<Data>(query: string, onData: (data: Data) => void): void;
  close(): void;
}

/** docs/live-feeds.md "Close codes": the one code after which only a new sign-in helps. */
const FORBIDDEN = 4403;
const REFUSING_CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN"]);

/**
 * One graphql-ws connection to the API's `/graphql` on the page's own origin. It reconnects
 * for as long as the page is open (the server closes with 1001 when it restarts and 1013
 * when this tab fell behind), with a growing pause, and stops only on 4403.
 */
export function openLiveConnection(token: string, onState: (state: ConnectionState) => void): LiveConnection {
  let closed = false;
  let refused = false;
  const report = (state: ConnectionState) => {
    if (closed || (refused && state.kind !== "refused")) return;
    if (state.kind === "refused") refused = true;
    onState(state);
  };

  const client = createClient({
    url: socketUrl(),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => closeCode(event) !== FORBIDDEN,
    retryWait: async (retries) => {
      const ms = Math.min(30_000, 500 * 2 ** retries) + Math.random() * 500;
      report({ kind: "reconnecting", inSeconds: Math.ceil(ms / 1000) });
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    on: {
      connecting: (isRetry) => report({ kind: isRetry ? "reconnecting" : "connecting" }),
      connected: () => report({ kind: "live" }),
      closed: (event) => report(closeCode(event) === FORBIDDEN ? { kind: "refused" } : { kind: "reconnecting" }),
    },
    onNonLazyError: (error) => report({ kind: "failed", reason: describe(error) }),
  });

  return {
    subscribe<Data>(query: string, onData: (data: Data) => void) {
      client.subscribe<Data>(
        { query },
        {
          next: (result) => {
            if (result.data) onData(result.data as Data);
          },
          error: (error) => {
            // A close event is reported by `on.closed`; errors of the operation itself land here.
            if (!Array.isArray(error)) return;
            const errors = error as ApiError[];
            const refusal = errors.some((item) => REFUSING_CODES.has(item.extensions?.code ?? ""));
            report(refusal ? { kind: "refused" } : { kind: "failed", reason: errors[0]?.message ?? "subscription failed" });
          },
          complete: () => undefined,
        },
      );
    },
    close() {
      closed = true;
      void client.dispose();
    },
  };
}

function socketUrl(): string {
  const url = new URL("/graphql", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

function closeCode(event: unknown): number | undefined {
  return typeof event === "object" && event !== null && "code" in event ? Number(event.code) : undefined;
}

function describe(error: unknown): string {
  const code = closeCode(error);
  if (code !== undefined) {
    const reason = (error as { reason?: string }).reason;
    return `the server closed the connection (${code}${reason ? `: ${reason}` : ""})`;
  }
  return error instanceof Error ? error.message : String(error);
}
