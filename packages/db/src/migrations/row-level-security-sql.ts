import { AGENCY_SETTING } from "../agency-setting.ts";

/**
 * The row-level security every tenant table gets (see the `row_level_security` migration):
 * what `pnpm db:migration` appends for each new table with an `agencyId`.
 */
export function rowLevelSecuritySql(table: string): string {
  const ownAgency = `"agencyId" = NULLIF(current_setting('${AGENCY_SETTING}', true), '')::uuid`;
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY;`,
    `ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY;`,
    `CREATE POLICY tenant_isolation ON "${table}"`,
    `  USING (${ownAgency})`,
    `  WITH CHECK (${ownAgency});`,
    "",
  ].join("\n");
}

/** Tables a migration script creates with an `agencyId` column. */
export function newTenantTables(migrationSql: string): string[] {
  return [...migrationSql.matchAll(/CREATE TABLE "([^"]+)" \(([\s\S]*?)\n\);/g)]
    .filter(([, , body]) => /^\s*"agencyId"\s/m.test(body ?? ""))
    .map(([, table]) => table as string);
}
