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

/** Takes the exclusive lock on `dataDir`, recording who holds it (pid, host, command). */
export async function lockDataDir(dataDir: string, purpose: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    // `stale`: a lock whose holder died (SIGKILL) without releasing is taken over once its
    // heartbeat is this old; a live holder refreshes it every stale/2 ms.
    release = await lockfile.lock(dataDir, { stale: 10_000, realpath: false, lockfilePath: join(dataDir, ".lock") });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLockedError(dataDir, describeHolder(dataDir));
    throw error;
  }
  writeFileSync(
    join(dataDir, HOLDER_FILE),
    JSON.stringify({ pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() }),
  );
  return { release: () => release() };
}

function describeHolder(dataDir: string): string {
  try {
    const holder = JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), "utf8"));
    return `${holder.purpose} (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
  } catch {
    return "another process";
  }
}
