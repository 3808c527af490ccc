import type { SqlExecutor } from "../sql-executor.ts";
import { type Migration, readMigrations } from "./read-migrations.ts";

/**
 * Applies committed migrations with the bookkeeping table Prisma itself uses
 * (`_prisma_migrations`), so `prisma migrate status` and this runner agree. We run them
 * ourselves because the embedded database lives inside the server process (no second
 * process may open it) and because Prisma 6.19's CLI cannot read PostgreSQL's catalog
 * through the pg adapter (TOOLCHAIN.md).
 */
const BOOKKEEPING_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
}

export class MigrationChecksumError extends Error {
  constructor(readonly migrationName: string) {
    super(`migration ${migrationName} was changed after it was applied; restore it and add a new migration instead`);
  }
}

/** Lists the committed migrations that the database has not applied yet. */
export async function pendingMigrations(db: SqlExecutor, migrations = readMigrations()): Promise<Migration[]> {
  const exists = await db.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!exists[0]?.present) return migrations;
  const applied = await db.query<AppliedRow>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const appliedByName = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  for (const migration of migrations) {
    const checksum = appliedByName.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) throw new MigrationChecksumError(migration.name);
  }
  return migrations.filter((migration) => !appliedByName.has(migration.name));
}

/**
 * Applies every pending migration in one transaction together with the bookkeeping rows,
 * so a failed migration leaves nothing half-applied (PostgreSQL DDL is transactional). An
 * advisory lock keeps two processes migrating one PostgreSQL database from racing.
 */
export async function applyMigrations(db: SqlExecutor, migrations = readMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(72737362)");
    await tx.exec(BOOKKEEPING_TABLE);
    const pending = await pendingMigrations(tx, migrations);
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES (gen_random_uuid()::text, $1, now(), $2, 1)`,
        [migration.checksum, migration.name],
      );
    }
    return pending.map((migration) => migration.name);
  });
}
