import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { AgencyClientCache, agencyClientFor, registerAgencyClients } from "./agency-clients.ts";
import { AgencyScopedPool } from "./agency-scoped-pool.ts";
import { type DataDirLock, lockDataDir } from "./embedded-lock.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations, pendingMigrations } from "./migrations/apply-migrations.ts";
import { installQueryPlanCache } from "./query-plan-cache.ts";
import { pgliteExecutor, pgPoolExecutor, type SqlExecutor } from "./sql-executor.ts";

export type DatabaseKind = "embedded" | "postgres";

/** An open database: the Prisma client plus what the server needs around it. */
export interface Database {
  kind: DatabaseKind;
  /**
   * The root client. On PostgreSQL its statements name no agency, so row-level security
   * shows it no tenant row: it is for agencies themselves and for what belongs to none.
   */
  prisma: PrismaClient;
  /** A client for one agency's rows (row-level security scoped on PostgreSQL). */
  forAgency(agencyId: string): PrismaClient;
  /** Raw SQL for migrations and health checks. */
  sql: SqlExecutor;
  /** True while the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded database in `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `"memory://"` for a throwaway in-memory one (tests). */
  dataDir?: string;
  /** Who opens the embedded database, shown to a second process that is refused. */
  purpose?: string;
  /** Embedded only: apply pending migrations before returning (the default). */
  migrate?: boolean;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** PostgreSQL: a statement running longer is cancelled (milliseconds; default 15 s). */
  statementTimeoutMs?: number;
  /** PostgreSQL: how many per-agency clients stay cached (default 64). */
  agencyClients?: number;
}

export const DEFAULT_DATA_DIR = ".data";

/**
 * What every client is built with.
 * - Interactive transactions may wait up to 10 s for a connection and run up to 15 s (Prisma's
 *   defaults, 2 s and 5 s, turn a burst of writes on a small pool into failed requests; an
 *   agency's audit appends are serialised, so its concurrent writes queue by design).
 * - `minimal` errors: any other format has Prisma capture a stack trace on every query to point
 *   at the calling line, a measurable share of a busy server's CPU; clients never see Prisma's
 *   messages (masked), and the error codes are kept.
 */
const CLIENT_OPTIONS = { transactionOptions: { maxWait: 10_000, timeout: 15_000 }, errorFormat: "minimal" as const };
export const IN_MEMORY = "memory://";

/**
 * Opens the database the configuration names: PostgreSQL through `@prisma/adapter-pg` when
 * a URL is given, otherwise embedded PGlite held under an exclusive lock.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  installQueryPlanCache();
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openEmbedded(options);
}

async function openEmbedded(options: OpenDatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const inMemory = dataDir.startsWith(IN_MEMORY);
  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  if (inMemory) {
    pglite = new PGlite();
  } else {
    const absolute = resolve(dataDir);
    lock = await lockDataDir(absolute, options.purpose ?? "a roundtable process");
    const pgdata = join(absolute, "pgdata");
    mkdirSync(pgdata, { recursive: true });
    try {
      pglite = new PGlite(pgdata);
      await pglite.waitReady;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  const sql = pgliteExecutor(pglite);
  if (options.migrate ?? true) await applyMigrations(sql);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), ...CLIENT_OPTIONS });
  return {
    kind: "embedded",
    prisma,
    forAgency: () => prisma,
    sql,
    ping: () => answers(sql),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      await lock?.release();
    },
  };
}

/**
 * A pool whose lost connections never take the process down. pg reports a connection the
 * server ended (PostgreSQL restarted or crashed, an admin killed the backend) as an 'error'
 * event, and an 'error' event nobody listens to exits the process. The pool listens on idle
 * connections itself, but a connection checked out between two statements of a request has
 * no listener, so every connection gets one for its whole life. Nothing is lost by it: the
 * statement that was running fails with its own error, the request answers that error
 * (masked), the pool drops the broken connection when it is released, and `/readyz` reports
 * the outage until the database answers again. (Found by postgres-crash.test.ts: the server
 * exited with "Connection terminated unexpectedly" when PostgreSQL was shut down under load.)
 */
function survivingLostConnections(pool: pg.Pool): pg.Pool {
  pool.on("error", () => undefined);
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
  });
  return pool;
}

async function openPostgres(databaseUrl: string, options: OpenDatabaseOptions): Promise<Database> {
  const statement_timeout = options.statementTimeoutMs ?? 15_000;
  const sqlPool = survivingLostConnections(new pg.Pool({ connectionString: databaseUrl, max: 2 }));
  const sql = pgPoolExecutor(sqlPool);
  const pool = survivingLostConnections(
    new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, statement_timeout }),
  );
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), ...CLIENT_OPTIONS });
  const agencies = new AgencyClientCache(
    (agencyId) =>
      new PrismaClient({
        adapter: new PrismaPg(new AgencyScopedPool(pool, agencyId)),
        ...CLIENT_OPTIONS,
      }),
    options.agencyClients,
  );
  registerAgencyClients(prisma, (agencyId) => agencies.get(agencyId));
  return {
    kind: "postgres",
    prisma,
    forAgency: (agencyId) => agencyClientFor(prisma, agencyId),
    sql,
    ping: () => answers(sql),
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await sqlPool.end();
    },
  };
}

async function answers(sql: SqlExecutor): Promise<boolean> {
  try {
    await sql.query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

export { applyMigrations, pendingMigrations };
