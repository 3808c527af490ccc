export { freePort } from "./free-port.ts";
export {
  type AppScratchDatabase,
  createAppScratchPostgres,
  createScratchPostgres,
  postgresAvailable,
  type ScratchDatabase,
  TEST_APP_LOGIN,
  TEST_DATABASE_URL,
} from "./postgres.ts";
export { postgresServerBinaries, runAsPostgres } from "./postgres-server.ts";
export { SeededRandom } from "./seeded-random.ts";
export { TENANT_ROW_FACTORIES, type TenantRowFactory } from "./tenant-fixtures.ts";
export {
  createTestApp,
  type GraphQLResponse,
  TEST_SECRET,
  type TestApp,
  type TestAppOptions,
  type TestDatabaseKind,
} from "./test-app.ts";
