/**
 * Authors a migration: `pnpm db:migration <name>`.
 *
 * Prisma's own `migrate dev` needs a shadow database it can feed whole scripts to, which the
 * PGlite adapter cannot, so we diff schema to schema instead: each migration folder keeps a
 * snapshot of the datamodel it brought the database to (`schema.snapshot.prisma`), and the
 * new migration is the difference between the latest snapshot and `prisma/schema`.
 * Hand-written SQL (the same-agency foreign keys) can then be appended to the new file.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { newTenantTables, rowLevelSecuritySql } from "../src/migrations/row-level-security-sql.ts";
import { currentDatamodel, SNAPSHOT_FILE } from "../src/migrations/schema-snapshot.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const migrationsDir = join(root, "prisma", "migrations");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: pnpm db:migration <name_in_snake_case>");
  process.exit(2);
}

const previous = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .at(-1);
const scratch = mkdtempSync(join(tmpdir(), "rt-migration-"));
const from = join(scratch, "from.prisma");
const to = join(scratch, "to.prisma");
const datasource = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n';
writeFileSync(from, datasource + (previous ? readFileSync(join(migrationsDir, previous, SNAPSHOT_FILE), "utf8") : ""));
writeFileSync(to, datasource + currentDatamodel());

const sql = execFileSync(
  "pnpm",
  ["exec", "prisma", "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
  { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: "postgresql://placeholder@localhost/unused" } },
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("The schema and the migrations agree; no migration written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(folder);
// New tenant tables get row-level security at once; the catalog test fails without it.
const tenantTables = newTenantTables(sql);
const rls = tenantTables.map(rowLevelSecuritySql).join("\n");
writeFileSync(join(folder, "migration.sql"), rls ? `${sql}\n-- Row-level security for the new tenant tables.\n${rls}` : sql);
writeFileSync(join(folder, SNAPSHOT_FILE), currentDatamodel());
console.log(`Wrote ${folder}/migration.sql; review it, and add same-agency foreign keys for new optional relations.`);
if (tenantTables.length > 0) console.log(`Row-level security added for: ${tenantTables.join(", ")}.`);
