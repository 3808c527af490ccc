import { fileURLToPath } from "node:url";
import type { FloorRequest } from "./floor-server-entry.ts";
import { forkHelper } from "./fork-helper.ts";
import { ipcRequester } from "./ipc-requests.ts";

export interface FloorServer {
  wsUrl: string;
  listeners(): Promise<number>;
  /** Publishes an event to every subscriber; resolves with the monotonic ms it was published at. */
  publish(entityId: string): Promise<number>;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL("./floor-server-entry.ts", import.meta.url));

/** Starts the bare graphql-ws baseline (`floor-server-entry.ts`) in a process of its own. */
export async function startFloorServer(options: { cpu?: number | undefined } = {}): Promise<FloorServer> {
  const child = forkHelper(ENTRY, { execArgv: ["--import", "tsx"], cpu: options.cpu });
  const { request } = ipcRequester(child);
  const ask = <Reply>(body: FloorRequest) => request<Reply>(body);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const { wsUrl } = await ask<{ wsUrl: string }>({ kind: "describe" });
    return {
      wsUrl,
      listeners: async () => (await ask<{ listeners: number }>({ kind: "listeners" })).listeners,
      publish: async (entityId) => (await ask<{ at: number }>({ kind: "publish", entityId })).at,
      cpuMs: async () => {
        const { user, system } = await ask<{ user: number; system: number }>({ kind: "cpu" });
        return (user + system) / 1000;
      },
      async stop() {
        if (child.exitCode !== null) return;
        await ask({ kind: "stop" }).catch(() => undefined);
        await exited;
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}
