import { type ChildProcess, fork, spawn, spawnSync } from "node:child_process";

export interface HelperOptions {
  execArgv: string[];
  env?: NodeJS.ProcessEnv;
  /** Run the helper on this CPU only (taskset), so server and subscribers do not take turns on one core. */
  cpu?: number | undefined;
}

let tasksetAvailable: boolean | undefined;

/** Starts a TypeScript helper process with an IPC channel, pinned to a CPU when asked and possible. */
export function forkHelper(entry: string, options: HelperOptions): ChildProcess {
  const stdio = ["ignore", "inherit", "inherit", "ipc"] as ("ignore" | "inherit" | "ipc")[];
  const env = options.env ?? process.env;
  if (options.cpu === undefined) return fork(entry, [], { execArgv: options.execArgv, env, stdio });
  tasksetAvailable ??= spawnSync("taskset", ["--version"]).status === 0;
  if (!tasksetAvailable) throw new Error("pinning to a CPU needs taskset (util-linux)");
  return spawn("taskset", ["--cpu-list", String(options.cpu), process.execPath, ...options.execArgv, entry], { env, stdio });
}
