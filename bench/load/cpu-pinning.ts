import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/**
 * The server under test gets core 0 and the load generator the last core, so the two do not
 * take turns on one core; PostgreSQL is left to the scheduler. Without taskset (or on one
 * core) processes run unpinned and the results say so.
 */
const cores = availableParallelism();
const hasTaskset = (() => {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

export const pinning = hasTaskset && cores >= 2 ? { server: "0", load: String(cores - 1), cores } : undefined;

/** The command and arguments that run `command` on the given role's core. */
export function pinned(role: "server" | "load", command: string, args: string[]): [string, string[]] {
  if (!pinning) return [command, args];
  return ["taskset", ["-c", pinning[role], command, ...args]];
}
