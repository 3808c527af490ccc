import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export interface Collected<T = Record<string, unknown>> {
  data: T[];
  errors: { message: string; extensions?: Record<string, unknown> }[];
  completed: boolean;
  /** Settles when the operation completes or errs: a query's or mutation's one answer is then in. */
  ended: Promise<void>;
  stop(): void;
}

/** A graphql-ws client over a real WebSocket; `closes` records every close code it saw. */
export function liveClient(wsUrl: string, token?: string) {
  const closes: number[] = [];
  const client: Client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => closes.push((event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  return {
    client,
    closes,
    /** Starts a subscription and collects what arrives. */
    subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Collected<T> {
      let end!: () => void;
      const ended = new Promise<void>((resolve) => {
        end = resolve;
      });
      const collected: Collected<T> = { data: [], errors: [], completed: false, ended, stop: () => undefined };
      collected.stop = client.subscribe<T>(
        { query, ...(variables ? { variables } : {}) },
        {
          next: (result) => {
            if (result.data) collected.data.push(result.data as T);
            if (result.errors) collected.errors.push(...(result.errors as Collected["errors"]));
          },
          error: (error) => {
            if (Array.isArray(error)) collected.errors.push(...error);
            else collected.errors.push({ message: String((error as { reason?: string }).reason ?? error) });
            collected.completed = true;
            end();
          },
          complete: () => {
            collected.completed = true;
            end();
          },
        },
      );
      return collected;
    },
    close: () => client.dispose(),
  };
}

/** Polls until `check` holds (it may also act, e.g. cause another event), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
