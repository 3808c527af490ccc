import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  applyMigrations,
  currentDatamodel,
  type Database,
  MIGRATIONS_DIR,
  MigrationChecksumError,
  openDatabase,
  pendingMigrations,
  pgliteExecutor,
  readMigrations,
  SNAPSHOT_FILE,
  type SqlExecutor,
} from "@roundtable/db";
import { createScratchPostgres, postgresAvailable } from "@roundtable/testing";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The shape of the public schema: columns, constraints and indexes, as text. NOT NULL is
 * compared through the columns: PGlite (PostgreSQL 17+) also lists it as a constraint.
 */
async function describeSchema(sql: SqlExecutor) {
  const columns = await sql.query<Record<string, string>>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`,
  );
  const constraints = await sql.query<Record<string, string>>(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1, 2`,
  );
  const indexes = await sql.query<Record<string, string>>(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`,
  );
  return { columns, constraints, indexes };
}

describe("migrations on embedded PGlite", () => {
  it("has a migration for the current datamodel (else run: pnpm db:migration <name>)", () => {
    const latest = readMigrations().at(-1)!;
    const snapshot = readFileSync(join(MIGRATIONS_DIR, latest.name, SNAPSHOT_FILE), "utf8");
    expect(snapshot).toBe(currentDatamodel());
  });

  it("applies every committed migration once and records it as Prisma does", async () => {
    const pglite = new PGlite();
    const sql = pgliteExecutor(pglite);
    const names = readMigrations().map((migration) => migration.name);
    expect(await applyMigrations(sql)).toEqual(names);
    expect(await applyMigrations(sql)).toEqual([]);
    expect(await pendingMigrations(sql)).toEqual([]);
    const recorded = await sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`);
    expect(recorded.map((row) => row.migration_name)).toEqual(names);
    await pglite.close();
  });

  it("refuses to go on when an applied migration was edited afterwards", async () => {
    const pglite = new PGlite();
    const sql = pgliteExecutor(pglite);
    await applyMigrations(sql);
    const edited = mkdtempSync(join(tmpdir(), "rt-migrations-"));
    cpSync(MIGRATIONS_DIR, edited, { recursive: true });
    const first = readMigrations()[0]!.name;
    writeFileSync(join(edited, first, "migration.sql"), "-- edited\nSELECT 1;");
    await expect(pendingMigrations(sql, readMigrations(edited))).rejects.toBeInstanceOf(MigrationChecksumError);
    await pglite.close();
  });

  it("rolls back a failing migration entirely", async () => {
    const pglite = new PGlite();
    const sql = pgliteExecutor(pglite);
    const dir = mkdtempSync(join(tmpdir(), "rt-migrations-"));
    mkdirSync(join(dir, "001_ok"));
    writeFileSync(join(dir, "001_ok", "migration.sql"), "CREATE TABLE kept (id int);");
    mkdirSync(join(dir, "002_broken"));
    writeFileSync(join(dir, "002_broken", "migration.sql"), "CREATE TABLE half (id int); SELECT no_such_function();");
    await expect(applyMigrations(sql, readMigrations(dir))).rejects.toThrow();
    const tables = await sql.query<{ name: string | null }>(`SELECT to_regclass('kept')::text AS name`);
    expect(tables[0]?.name).toBeNull();
    await pglite.close();
  });
});

describe.skipIf(!postgresAvailable)("migrations on PostgreSQL", () => {
  let postgres: Database | undefined;
  let embedded: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await postgres?.close();
    await embedded?.close();
    await drop?.();
  });

  it("leaves PostgreSQL with exactly the schema PGlite has", async () => {
    const scratch = await createScratchPostgres();
    drop = scratch.drop;
    postgres = await openDatabase({ databaseUrl: scratch.url });
    expect((await pendingMigrations(postgres.sql)).length).toBeGreaterThan(0);
    await applyMigrations(postgres.sql);
    expect(await pendingMigrations(postgres.sql)).toEqual([]);
    embedded = await openDatabase({ dataDir: "memory://" });
    const [onPostgres, onPglite] = [await describeSchema(postgres.sql), await describeSchema(embedded.sql)];
    expect(onPostgres.columns.length).toBeGreaterThan(20);
    expect(onPostgres).toEqual(onPglite);
  });
});
