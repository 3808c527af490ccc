import { fileURLToPath } from "node:url";
import type { TestDatabaseKind } from "@roundtable/testing";
import { forkHelper } from "./fork-helper.ts";
import { ipcRequester } from "./ipc-requests.ts";
import type { ServerEntryOptions } from "./server-entry.ts";
import type {
  CommitTime,
  ServerCpu,
  ServerDescription,
  ServerListeners,
  ServerMemory,
  ServerRequest,
} from "./server-protocol.ts";

export interface FanoutServer extends ServerDescription {
  pid: number;
  memory(): Promise<ServerMemory>;
  listeners(): Promise<number>;
  /** CPU time the server process has used so far, in ms (user + system). */
  cpuMs(): Promise<number>;
  /** Starts a CPU profile of the server; `profileStop` writes it (a .cpuprofile for Chrome DevTools). */
  profileStart(): Promise<void>;
  profileStop(path: string): Promise<void>;
  /** Monotonic ms at which the event of `entityId` (a database id) was committed, or null. */
  commitTime(entityId: string): Promise<number | null>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL("./server-entry.ts", import.meta.url));

/**
 * Starts the server under test in a process of its own, so its memory is its own and its
 * event loop never waits on the subscribers' (they run in the benchmark's process).
 */
export async function startFanoutServer(options: {
  database: TestDatabaseKind;
  subscribers: number;
  /** Pin the server to this CPU. */
  cpu?: number | undefined;
}): Promise<FanoutServer> {
  const entryOptions: ServerEntryOptions = { database: options.database, subscribers: options.subscribers };
  const child = forkHelper(ENTRY, {
    cpu: options.cpu,
    // FANOUT_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--max-semi-space-size=32".
    execArgv: ["--expose-gc", "--import", "tsx", ...(process.env.FANOUT_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
    env: { ...process.env, FANOUT_SERVER_OPTIONS: JSON.stringify(entryOptions) },
  });
  const { request } = ipcRequester(child);
  const ask = <Reply>(body: ServerRequest) => request<Reply>(body);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const description = await ask<ServerDescription>({ kind: "describe" });
    return {
      ...description,
      pid: child.pid ?? 0,
      memory: () => ask<ServerMemory>({ kind: "memory" }),
      listeners: async () => (await ask<ServerListeners>({ kind: "listeners" })).listeners,
      cpuMs: async () => {
        const { user, system } = await ask<ServerCpu>({ kind: "cpu" });
        return (user + system) / 1000;
      },
      profileStart: async () => {
        await ask({ kind: "profileStart" });
      },
      profileStop: async (path) => {
        await ask({ kind: "profileStop", path });
      },
      commitTime: async (entityId) => (await ask<CommitTime>({ kind: "commitTime", entityId })).at,
      async stop() {
        if (child.exitCode !== null) return;
        const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        await ask({ kind: "stop" }).catch(() => undefined);
        await exited;
        clearTimeout(killer);
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}
