import { execFile } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort } from "@roundtable/testing";

const run = promisify(execFile);
const START_SCRIPT = fileURLToPath(new URL("../../../../scripts/start-test-postgres.sh", import.meta.url));

/** A PostgreSQL cluster of a test's own, which it may crash: never the suites' shared one. */
export interface OwnPostgresCluster {
  /** A role that may create databases (as TEST_DATABASE_URL names one). */
  adminUrl: string;
  /** Immediate shutdown: every backend killed at once, no checkpoint; the next start recovers from the WAL. */
  crash(): Promise<void>;
  /** Starts it again with the options it last ran with (postmaster.opts). */
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

/** Starts a throwaway cluster on a free loopback port with the suites' own script. */
export async function startOwnPostgresCluster(): Promise<OwnPostgresCluster> {
  const port = await freePort();
  const dir = `/tmp/roundtable-own-pg-${port}`;
  const { stdout } = await run("bash", [START_SCRIPT], {
    env: { ...process.env, TEST_PG_PORT: String(port), TEST_PG_DIR: dir },
  });
  const adminUrl = /TEST_DATABASE_URL=(\S+)/.exec(stdout)?.[1];
  if (!adminUrl) throw new Error(`start-test-postgres.sh printed no URL: ${stdout}`);
  const pgCtl = `${serverBinaries()}/pg_ctl`;
  // PostgreSQL refuses to run as root; the script made the cluster the postgres user's.
  const asPostgres = (args: string[]) =>
    process.getuid?.() === 0 ? run("runuser", ["-u", "postgres", "--", pgCtl, ...args]) : run(pgCtl, args);
  return {
    adminUrl,
    async crash() {
      await asPostgres(["-D", dir, "-m", "immediate", "stop"]);
    },
    async restart() {
      await asPostgres(["-D", dir, "-l", `${dir}/server.log`, "-w", "restart"]);
    },
    async destroy() {
      await asPostgres(["-D", dir, "-m", "immediate", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian puts each major version's server under /usr/lib/postgresql/<version>/bin; the newest. */
function serverBinaries(): string {
  const versions = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (!newest) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql)");
  return `/usr/lib/postgresql/${newest}/bin`;
}
