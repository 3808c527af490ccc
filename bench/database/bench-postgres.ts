import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { applyMigrations, pgPoolExecutor } from "@roundtable/db";
import { postgresServerBinaries, runAsPostgres } from "@roundtable/testing";
import pg from "pg";

/**
 * A throwaway PostgreSQL cluster for the benchmark only (like scripts/start-test-postgres.sh,
 * on its own port and folder so the test suites' server is not disturbed), started with
 * pg_stat_statements so every server's SQL statements can be counted where they run.
 * fsync is off: the cluster holds generated data that a crash may lose.
 */
export const BENCH_PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54339);
const BENCH_PG_DIR = process.env.BENCH_PG_DIR ?? "/tmp/roundtable-bench-pg";
const SOCKET_DIR = "/tmp";
const PASSWORD = "bench";

/** The login roles, one per server, so pg_stat_statements tells their statements apart. */
export const LOGIN_ROLES = {
  owner: "roundtable_owner",
  roundtable: "roundtable_api",
  handWritten: "roundtable_hand",
  postgraphile: "roundtable_postgraphile",
} as const;

export interface BenchPostgres {
  /** postgresql:// URL of `database` as `role`. */
  url(database: string, role: string): string;
  superuser(): pg.Client;
  /** Drops and creates an empty database owned by the owner role, migrated as that owner. */
  freshDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  serverVersion: string;
}

function binaries() {
  try {
    return postgresServerBinaries();
  } catch (error) {
    throw new Error(`${(error as Error).message} (or run --db pglite)`);
  }
}

function running(bin: string) {
  if (!existsSync(`${BENCH_PG_DIR}/postmaster.pid`)) return false;
  try {
    runAsPostgres(`${bin}/pg_ctl`, ["-D", BENCH_PG_DIR, "status"]);
    return true;
  } catch {
    return false;
  }
}

/** Starts the cluster unless it runs already, and makes sure the roles exist. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const bin = binaries();
  if (!running(bin)) {
    execFileSync("rm", ["-rf", BENCH_PG_DIR]);
    mkdirSync(BENCH_PG_DIR, { recursive: true });
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", BENCH_PG_DIR]);
    runAsPostgres(`${bin}/initdb`, ["-D", BENCH_PG_DIR, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256"]);
    const options = [
      `-p ${BENCH_PG_PORT}`,
      "-c listen_addresses=127.0.0.1",
      `-k ${SOCKET_DIR}`,
      "-c fsync=off",
      "-c max_connections=300",
      "-c shared_buffers=512MB",
      "-c shared_preload_libraries=pg_stat_statements",
      "-c pg_stat_statements.track=all",
    ].join(" ");
    runAsPostgres(`${bin}/pg_ctl`, ["-D", BENCH_PG_DIR, "-l", `${BENCH_PG_DIR}/server.log`, "-w", "-o", options, "start"]);
  }
  const superuser = () => new pg.Client({ host: SOCKET_DIR, port: BENCH_PG_PORT, user: "postgres", database: "postgres" });
  const admin = superuser();
  await admin.connect();
  let serverVersion: string;
  try {
    await admin.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    // The row-level security migration creates roundtable_app when it may; the login roles
    // that are members of it must exist before any server connects, so it is made here first.
    await ensureRole(admin, "roundtable_app", "NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");
    await ensureRole(admin, LOGIN_ROLES.owner, `LOGIN CREATEDB CREATEROLE PASSWORD '${PASSWORD}'`);
    for (const role of [LOGIN_ROLES.roundtable, LOGIN_ROLES.handWritten, LOGIN_ROLES.postgraphile]) {
      await ensureRole(admin, role, `LOGIN NOBYPASSRLS PASSWORD '${PASSWORD}' IN ROLE roundtable_app`);
    }
    serverVersion = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
  } finally {
    await admin.end();
  }

  const url = (database: string, role: string) => `postgresql://${role}:${PASSWORD}@127.0.0.1:${BENCH_PG_PORT}/${database}`;

  async function dropDatabase(name: string) {
    const client = superuser();
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }

  return {
    url,
    superuser,
    serverVersion,
    dropDatabase,
    async freshDatabase(name) {
      await dropDatabase(name);
      const client = superuser();
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name} OWNER ${LOGIN_ROLES.owner}`);
      } finally {
        await client.end();
      }
      const owner = new pg.Pool({ connectionString: url(name, LOGIN_ROLES.owner), max: 1 });
      try {
        await applyMigrations(pgPoolExecutor(owner));
        const policies = await owner.query<{ count: string }>(
          "SELECT count(*) FROM pg_policies WHERE policyname = 'tenant_isolation'",
        );
        if (Number(policies.rows[0]!.count) === 0) {
          throw new Error("the migrations created no tenant_isolation policies: this bench measures under row-level security");
        }
      } finally {
        await owner.end();
      }
    },
  };
}

async function ensureRole(client: pg.Client, role: string, attributes: string) {
  const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
  if (exists.rowCount === 0) await client.query(`CREATE ROLE ${role} ${attributes}`);
}
