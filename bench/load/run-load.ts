import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { pinned } from "./cpu-pinning.ts";

export interface LoadOptions {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
  /** Stop after this many requests instead of after the duration. */
  amount?: number;
  /** Send at most this many requests per second over all connections (a steady stream, not a flood). */
  overallRate?: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  seconds: number;
}

const WORKER = fileURLToPath(new URL("./autocannon-worker.ts", import.meta.url));

/** Runs autocannon in a separate process on the load generator's core. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const [command, args] = pinned("load", process.execPath, ["--import", "tsx", WORKER]);
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.on("message", (message: LoadResult | { error: string }) => {
      settled = true;
      if ("error" in message) reject(new Error(message.error));
      else resolve(message);
    });
    child.on("exit", (code) => {
      if (!settled) reject(new Error(`the load generator exited with ${code}`));
    });
    child.send(options);
  });
}
