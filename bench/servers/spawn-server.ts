import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { pinned } from "../load/cpu-pinning.ts";
import type { ServerStats } from "./bench-endpoint.ts";

export interface RunningBenchServer {
  name: string;
  url: string;
  pid: number;
  stats(): Promise<ServerStats>;
  /** Waits until no request is in flight and the server's background work is done. */
  settle(): Promise<void>;
  resetStatements(): Promise<void>;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 180_000;

/**
 * Starts one of the bench's server scripts (bench/servers/*.ts) in its own Node process,
 * pinned to the server's core, and waits until it reports its port.
 */
export async function spawnServer(name: string, script: string, env: Record<string, string>): Promise<RunningBenchServer> {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const [command, args] = pinned("server", process.execPath, ["--import", "tsx", path]);
  const child: ChildProcess = spawn(command, args, {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env, PORT: "0" },
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    child.on("message", (message: { type?: string; port?: number }) => {
      if (message.type === "listening" && message.port) {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    url,
    pid: child.pid!,
    async stats() {
      return (await (await fetch(`${url}/__bench/stats`)).json()) as ServerStats;
    },
    async settle() {
      await (await fetch(`${url}/__bench/settle`)).arrayBuffer();
    },
    async resetStatements() {
      await fetch(`${url}/__bench/reset-statements`);
    },
    close() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      });
    },
  };
}
