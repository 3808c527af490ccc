import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../src/migrations/read-migrations.ts";
import { newTenantTables, rowLevelSecuritySql } from "../src/migrations/row-level-security-sql.ts";

it("finds the tenant tables a migration creates, so `pnpm db:migration` can give them row-level security", () => {
  const domain = readFileSync(join(MIGRATIONS_DIR, "20261123074418_domain", "migration.sql"), "utf8");
  const tables = newTenantTables(domain);
  expect(tables).toContain("Stakeholder");
  expect(tables).toContain("Feedback");
  expect(tables).not.toContain("Agency");
});

it("writes the same policy the row_level_security migration gave every tenant table", () => {
  const migration = readFileSync(join(MIGRATIONS_DIR, "20261123120000_row_level_security", "migration.sql"), "utf8");
  expect(migration).toContain(rowLevelSecuritySql("Stakeholder"));
});
