import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { type DataDirLock, lockDataDir } from "./embedded-lock.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations, pendingMigrations } from "./migrations/apply-migrations.ts";
import { pgliteExecutor, pgPoolExecutor, type SqlExecutor } from "./sql-executor.ts";

export type DatabaseKind = "embedded" | "postgres";

/** An open database: the Prisma client plus what the server needs around it. */
export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
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
}

export const DEFAULT_DATA_DIR = ".data";
export const IN_MEMORY = "memory://";

/**
 * Opens the database the configuration names: PostgreSQL through `@prisma/adapter-pg` when
 * a URL is given, otherwise embedded PGlite held under an exclusive lock.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize) : openEmbedded(options);
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
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "embedded",
    prisma,
    sql,
    ping: () => answers(sql),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      await lock?.release();
    },
  };
}

async function openPostgres(databaseUrl: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const sql = pgPoolExecutor(pool);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
  return {
    kind: "postgres",
    prisma,
    sql,
    ping: () => answers(sql),
    async close() {
      await prisma.$disconnect();
      await pool.end();
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
