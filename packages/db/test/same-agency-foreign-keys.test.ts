import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, pgliteExecutor } from "@roundtable/db";
import { expect, it } from "vitest";

interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  references: string;
}

it("guards every reference between tenant rows with a foreign key that includes agencyId", async () => {
  const pglite = new PGlite();
  const sql = pgliteExecutor(pglite);
  await applyMigrations(sql);
  const keys = await sql.query<ForeignKey>(`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.confrelid::regclass::text AS references,
           array_agg(a.attname::text ORDER BY a.attname) AS columns
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
     GROUP BY 1, 2, 3`);
  await pglite.close();
  const unguarded = keys
    .filter((key) => key.references !== '"Agency"' && !key.columns.includes("agencyId"))
    .filter(
      (key) =>
        !keys.some(
          (other) =>
            other.table === key.table &&
            other.references === key.references &&
            other.columns.includes("agencyId") &&
            key.columns.every((column) => other.columns.includes(column)),
        ),
    )
    .map((key) => `${key.table}.${key.columns.join(",")} -> ${key.references}`);
  expect(keys.length).toBeGreaterThan(20);
  expect(unguarded).toEqual([]);
});
