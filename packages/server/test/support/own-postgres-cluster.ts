import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort, postgresServerBinaries, runAsPostgres } from "@roundtable/testing";

const START_SCRIPT = fileURLToPath(new URL("../../../../scripts/start-test-postgres.sh", import.meta.url));

/** A PostgreSQL cluster of a test's own, which it may crash: never the suites' shared one. */
export interface OwnPostgresCluster {
  /** A role that may create databases (as TEST_DATABASE_URL names one). */
  adminUrl: string;
  /** Immediate shutdown: every backend killed at once, no checkpoint; the next start recovers from the WAL. */
  crash(): void;
  /** Starts it again with the options it last ran with (postmaster.opts). */
  restart(): void;
  destroy(): void;
}

/** Starts a throwaway cluster on a free loopback port with the suites' own script. */
export async function startOwnPostgresCluster(): Promise<OwnPostgresCluster> {
  const port = await freePort();
  const dir = `/tmp/roundtable-own-pg-${port}`;
  const printed = execFileSync("bash", [START_SCRIPT], {
    env: { ...process.env, TEST_PG_PORT: String(port), TEST_PG_DIR: dir },
  }).toString();
  const adminUrl = /TEST_DATABASE_URL=(\S+)/.exec(printed)?.[1];
  if (!adminUrl) throw new Error(`start-test-postgres.sh printed no URL: ${printed}`);
  const pgCtl = (args: string[]) => runAsPostgres(`${postgresServerBinaries()}/pg_ctl`, ["-D", dir, ...args]);
  return {
    adminUrl,
    crash: () => pgCtl(["-m", "immediate", "stop"]),
    restart: () => pgCtl(["-l", `${dir}/server.log`, "-w", "restart"]),
    destroy() {
      try {
        pgCtl(["-m", "immediate", "stop"]);
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
