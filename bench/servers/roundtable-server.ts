/**
 * Roundtable as the bench measures it: the real app (createApp with the installed profiles,
 * production mode) on node:http, on PostgreSQL as the application role (BENCH_DATABASE_URL)
 * or on embedded PGlite (BENCH_PGLITE_DIR). No compliance sweep runs in the background, so
 * the workloads alone load the server.
 */
import { createEventBus, secretFromString } from "@roundtable/core";
import { openDatabase } from "@roundtable/db";
import annualEngagementReport from "@roundtable/profile-annual-engagement-report";
import patrolCpp from "@roundtable/profile-patrol-cpp";
import { type AppOptions, createApp, createLogger } from "@roundtable/server";
import { serveBench } from "./bench-endpoint.ts";
import { startCpuProfileIfAsked } from "./cpu-profile.ts";
import { countPgliteStatements } from "./pglite-statement-counter.ts";

const databaseUrl = process.env.BENCH_DATABASE_URL;
const pgliteDir = process.env.BENCH_PGLITE_DIR;
const counter = pgliteDir ? countPgliteStatements() : undefined;
const stopProfile = await startCpuProfileIfAsked();

const database = await openDatabase(
  databaseUrl ? { databaseUrl } : { dataDir: pgliteDir ?? "", purpose: "roundtable bench server", migrate: false },
);
const log = createLogger((process.env.LOG_LEVEL ?? "warn") as "warn");
const bus = createEventBus(log);
const app = createApp({
  database,
  bus,
  profiles: [patrolCpp, annualEngagementReport],
  verification: { kind: "secret", secret: secretFromString(process.env.BENCH_SECRET ?? "") },
  log,
  production: true,
  graphiql: false,
  introspection: false,
  // As `pnpm start` runs it (SIGN_IN_CACHE_TTL_MS default); the response cache is a variant.
  signInCache: { ttlMs: 10_000 },
  // A variant's options (pnpm bench --variant label='{...}') override the defaults above.
  ...(JSON.parse(process.env.BENCH_APP_OPTIONS ?? "{}") as Partial<AppOptions>),
});
serveBench((request, response) => app(request, response), {
  hooks: { statements: counter, settled: () => bus.settled() },
  shutdown: () =>
    Promise.resolve(app.dispose())
      .then(() => bus.settled())
      .then(() => stopProfile?.())
      .then(() => database.close()),
});
