export { agencyClientFor } from "./agency-clients.ts";
export { AGENCY_SETTING } from "./agency-setting.ts";
export {
  type Database,
  type DatabaseKind,
  DEFAULT_DATA_DIR,
  IN_MEMORY,
  type OpenDatabaseOptions,
  openDatabase,
} from "./database.ts";
export { DataDirLockedError, lockDataDir } from "./embedded-lock.ts";
export type { default as PrismaTypes } from "./generated/pothos-types.ts";
export { getDatamodel } from "./generated/pothos-types.ts";
export * from "./generated/prisma/client.ts";
export { applyMigrations, MigrationChecksumError, pendingMigrations } from "./migrations/apply-migrations.ts";
export { MIGRATIONS_DIR, type Migration, readMigrations } from "./migrations/read-migrations.ts";
export { currentDatamodel, SNAPSHOT_FILE } from "./migrations/schema-snapshot.ts";
export { queryPlanCacheStats } from "./query-plan-cache.ts";
export { pgliteExecutor, pgPoolExecutor, type SqlExecutor } from "./sql-executor.ts";
export { tenantOwnedModels } from "./tenant-models.ts";
