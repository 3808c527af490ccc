import { spawnSync } from "node:child_process";

/**
 * This process's limit on open files (`ulimit -n`, which a shell started from here
 * inherits), or undefined where no shell says. Every WebSocket is one open file, on the
 * server and on the client side, and node cannot raise its own limit.
 */
export function openFileLimit(): number | undefined {
  const answer = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  const text = answer.stdout?.trim();
  if (answer.status !== 0 || !text) return undefined;
  return text === "unlimited" ? Number.POSITIVE_INFINITY : Number(text);
}

/** Refuses to start a run that would run out of file descriptors half-way through connecting. */
export function assertEnoughOpenFiles(sockets: number): void {
  const limit = openFileLimit();
  // Sockets, plus what node, the database and the IPC channels hold open.
  const needed = sockets + 200;
  if (limit !== undefined && limit < needed) {
    throw new Error(
      `${sockets} subscribers need about ${needed} open files per process, but ulimit -n is ${limit}: run "ulimit -n ${Math.max(needed, 20000)}" in this shell first`,
    );
  }
}
