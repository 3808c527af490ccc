import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CONFIG_VARIABLES } from "@roundtable/server";

import { freePort } from "@roundtable/testing";

/** The workspace root: where `pnpm roundtable` runs the CLI and where tsx is installed. */
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const MAIN = "packages/cli/src/main.ts";

/** `roundtable <args>` as a child process, exactly as an operator runs it. */
export class RoundtableProcess {
  readonly child: ChildProcess;
  output = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;

  constructor(args: string[], env: Record<string, string>) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CONFIG_VARIABLES.includes(key)));
    this.child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      cwd: ROOT,
      env: { ...inherited, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    this.child.stdout?.on("data", collect);
    this.child.stderr?.on("data", collect);
    this.exited = new Promise((resolve, reject) => {
      this.child.once("error", reject);
      this.child.once("close", (code, signal) => resolve({ code, signal, output: this.output }));
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for the exit; kills the process and fails if it takes longer than `ms`. */
  async exit(ms = 60_000) {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.child.kill("SIGKILL");
    }, ms);
    try {
      const result = await this.exited;
      if (timedOut) throw new Error(`roundtable did not exit within ${ms} ms:\n${this.output}`);
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: no shutdown handler runs, as in a crash or an out-of-memory kill. */
  async crash(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
  }
}

/** A `roundtable start` that serves on its own port. */
export interface ServerProcess {
  process: RoundtableProcess;
  port: number;
  url: string;
}

/**
 * Starts `roundtable start` and resolves once `/readyz` answers 200; fails with the server's
 * output if it exits first or is not ready within `ms`.
 */
export async function startServerProcess(env: Record<string, string>, ms = 90_000): Promise<ServerProcess> {
  const port = await freePort();
  const server = new RoundtableProcess(["start"], { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + ms;
  for (;;) {
    if (!server.running) throw new Error(`roundtable start exited early:\n${server.output}`);
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    await response?.arrayBuffer();
    if (response?.status === 200) return { process: server, port, url };
    if (Date.now() > deadline) {
      server.child.kill("SIGKILL");
      throw new Error(`roundtable start was not ready within ${ms} ms:\n${server.output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM, then the graceful exit the CLI promises (status 0). */
export async function stopServerProcess(server: ServerProcess | undefined): Promise<number | null> {
  if (!server?.process.running) return null;
  server.process.child.kill("SIGTERM");
  return (await server.process.exit(30_000)).code;
}
