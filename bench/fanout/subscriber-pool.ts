import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { monotonicMs } from "./monotonic-clock.ts";
import type { ConnectReport, Receipts, SubscriberGroup, SubscriberGroupOptions } from "./subscriber-group.ts";

interface Arrivals {
  at: number[];
  withErrors: number;
  /** Called after each arrival, to end a wait as soon as the last subscriber has it. */
  onArrival?: () => void;
}

type AgencyEventResult = { data?: { agencyEvents?: { entityId?: string | null } | null } | null; errors?: unknown[] };

/**
 * graphql-ws clients over real WebSockets, all in this process. Each delivery is stamped
 * first thing in the client's `next` callback, before anything else reads it.
 */
export function createSubscriberPool(options: SubscriberGroupOptions): SubscriberGroup {
  const clients: Client[] = [];
  const arrivals = new Map<string, Arrivals>();
  let connected = 0;

  const arrivalsOf = (entityId: string): Arrivals => {
    let entry = arrivals.get(entityId);
    if (!entry) {
      entry = { at: [], withErrors: 0 };
      arrivals.set(entityId, entry);
    }
    return entry;
  };

  function record(result: AgencyEventResult): void {
    const at = monotonicMs();
    const entityId = result.data?.agencyEvents?.entityId;
    if (!entityId) return;
    const entry = arrivalsOf(entityId);
    entry.at.push(at);
    if (result.errors?.length) entry.withErrors += 1;
    entry.onArrival?.();
  }

  /** Resolves with ms until connection_ack, or rejects with why the socket closed. */
  function openOne(token: string): Promise<number> {
    const opened = monotonicMs();
    return new Promise<number>((resolve, reject) => {
      let acknowledged = false;
      const client = createClient({
        url: options.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined,
        on: {
          connected: () => {
            acknowledged = true;
            resolve(monotonicMs() - opened);
          },
          closed: (event) => {
            if (!acknowledged) reject(new Error(`closed before ack: ${(event as { code?: number }).code ?? "?"}`));
          },
          error: (error) => {
            if (!acknowledged) reject(error instanceof Error ? error : new Error("socket error"));
          },
        },
      });
      clients.push(client);
      client.subscribe<AgencyEventResult["data"]>(
        { query: options.query },
        { next: (result) => record(result as AgencyEventResult), error: () => undefined, complete: () => undefined },
      );
    });
  }

  return {
    async connect(): Promise<ConnectReport> {
      const ackMs: number[] = [];
      const failures: string[] = [];
      let failed = 0;
      let next = 0;
      const lane = async () => {
        while (next < options.tokens.length) {
          const token = options.tokens[next++]!;
          try {
            ackMs.push(await openOne(token));
            connected += 1;
          } catch (error) {
            failed += 1;
            if (failures.length < 5) failures.push((error as Error).message);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
      return { connected, failed, failures, ackMs };
    },
    receipts(entityId, timeoutMs): Promise<Receipts> {
      const entry = arrivalsOf(entityId);
      const result = (): Receipts => ({ at: [...entry.at], withErrors: entry.withErrors });
      if (entry.at.length >= connected) return Promise.resolve(result());
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          entry.onArrival = undefined;
          resolve(result());
        }, timeoutMs);
        entry.onArrival = () => {
          if (entry.at.length < connected) return;
          clearTimeout(timer);
          entry.onArrival = undefined;
          resolve(result());
        };
      });
    },
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      clients.length = 0;
    },
  };
}
