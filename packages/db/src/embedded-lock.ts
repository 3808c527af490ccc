import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";

/**
 * PGlite has no cross-process lock, and two processes on one data folder silently lose
 * acknowledged writes (TOOLCHAIN.md). Whoever opens the embedded database first holds this
 * lock until it closes; everyone else is refused with a message naming the holder.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(`DATA_DIR ${dataDir} is in use by ${holder}; stop that process or point DATA_DIR elsewhere`);
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

const HOLDER_FILE = ".lock-holder.json";

/**
 * A lock whose holder died (SIGKILL, power loss) without releasing it is taken over once its
 * heartbeat is this old; a live holder refreshes it every STALE_MS / 2.
 */
const STALE_MS = 10_000;

/** Takes the exclusive lock on `dataDir`, recording who holds it (pid, host, command). */
export async function lockDataDir(dataDir: string, purpose: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const options = { stale: STALE_MS, realpath: false, lockfilePath: join(dataDir, ".lock") };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    if (!holderHasDied(dataDir)) throw new DataDirLockedError(dataDir, describeHolder(dataDir));
    // A server restarted right after a crash would otherwise be refused, naming a process
    // that no longer exists. Its lock is not removed here: waiting until the heartbeat is
    // stale lets proper-lockfile arbitrate between several processes starting at once.
    release = await lockfile
      .lock(dataDir, { ...options, retries: { retries: STALE_MS / 1000 + 2, factor: 1, minTimeout: 1000, maxTimeout: 1000 } })
      .catch((retryError: NodeJS.ErrnoException) => {
        throw retryError.code === "ELOCKED" ? new DataDirLockedError(dataDir, describeHolder(dataDir)) : retryError;
      });
  }
  writeFileSync(
    join(dataDir, HOLDER_FILE),
    JSON.stringify({ pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() }),
  );
  return { release: () => release() };
}

/**
 * True when the recorded holder ran on this host and is no longer running (or its pid is
 * now ours: a container restarted as pid 1). A holder elsewhere, or unrecorded, counts as alive.
 */
function holderHasDied(dataDir: string): boolean {
  let holder: { pid?: unknown; host?: unknown };
  try {
    holder = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), "utf8"));
  } catch {
    return false;
  }
  if (holder.host !== hostname() || typeof holder.pid !== "number") return false;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function describeHolder(dataDir: string): string {
  try {
    const holder = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), "utf8"));
    return `${holder.purpose} (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
  } catch {
    return "another process";
  }
}
