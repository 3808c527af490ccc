import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_VARIABLES as SERVER_CONFIG_VARIABLES } from "@roundtable/server";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
/** The workspace root, where `pnpm roundtable` runs the CLI and where tsx is installed. */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** What the CLI reads; none of it may leak in from the environment running the tests. */
const CONFIG_VARIABLES = new Set(SERVER_CONFIG_VARIABLES);

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const live = new Set<CliProcess>();
const tempDirs: string[] = [];

/** `roundtable <args>` as a child process, as a user would run it. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<CliResult>;

  constructor(args: string[], env: Record<string, string>) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !CONFIG_VARIABLES.has(key)));
    this.child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      cwd: ROOT,
      env: { ...inherited, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stdout += chunk;
    });
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
    });
    live.add(this);
    this.exited = new Promise((resolve, reject) => {
      this.child.once("error", reject);
      this.child.once("close", (code, signal) => {
        live.delete(this);
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for the exit; kills the process and fails if it takes longer than `ms`. */
  async exit(ms = 30_000): Promise<CliResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill("SIGKILL");
        reject(new Error(`roundtable did not exit within ${ms} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
      }, ms);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export function runCli(args: string[], env: Record<string, string> = {}, ms?: number): Promise<CliResult> {
  return new CliProcess(args, env).exit(ms);
}

/** Kills whatever a test left running. */
export async function killLiveProcesses(): Promise<void> {
  const left = [...live];
  for (const cli of left) cli.child.kill("SIGKILL");
  await Promise.all(left.map((cli) => cli.exited.catch(() => undefined)));
}

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "roundtable-cli-"));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

async function poll(what: string, ms: number, done: () => Promise<boolean>, every = 200): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** Resolves once `GET /healthz` answers 200; fails at once if the server exits instead. */
export function waitForHealthy(server: CliProcess, port: number, ms = 60_000): Promise<void> {
  return poll(`/healthz on port ${port}`, ms, async () => {
    if (!server.running) throw new Error(`roundtable start exited early\nstderr: ${server.stderr}\nstdout: ${server.stdout}`);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    await response?.arrayBuffer();
    return response?.status === 200;
  });
}

/**
 * Resolves as soon as `server` holds the embedded database, i.e. it has started opening it (the
 * record @roundtable/db keeps beside its lock), well before it listens.
 */
export function waitForLockHolder(server: CliProcess, dataDir: string, ms = 60_000): Promise<void> {
  const record = join(dataDir, ".lock-holder.json");
  return poll(
    `pid ${server.pid} to hold ${dataDir}`,
    ms,
    async () => {
      if (!server.running) throw new Error(`roundtable exited early\nstderr: ${server.stderr}`);
      try {
        return JSON.parse(readFileSync(record, "utf8")).pid === server.pid;
      } catch {
        return false;
      }
    },
    20,
  );
}
