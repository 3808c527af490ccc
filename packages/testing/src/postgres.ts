import { randomBytes } from "node:crypto";
import { applyMigrations, pgPoolExecutor } from "@roundtable/db";
import pg from "pg";

/**
 * Real PostgreSQL for the tests that must run on it (tenancy, security, concurrency).
 * `TEST_DATABASE_URL` names a role that may create databases; `.ci/run` starts a server
 * on loopback and sets it. Each call makes a fresh, empty database and drops it afterwards.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** In CI the PostgreSQL suites must run; locally they are skipped with a note when unset. */
export const postgresAvailable = Boolean(TEST_DATABASE_URL);
if (!postgresAvailable && process.env.CI) {
  throw new Error("TEST_DATABASE_URL is not set: CI must run the PostgreSQL suites (.ci/run starts PostgreSQL)");
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** 100 ms apart: five seconds for lingering backends to exit. */
const DROP_ATTEMPTS = 50;

/** `adminUrl`: a role that may create databases on the cluster to use (default `TEST_DATABASE_URL`). */
export async function createScratchPostgres(adminUrl = TEST_DATABASE_URL): Promise<ScratchDatabase> {
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `rt_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // A backend whose client just disconnected can outlive the disconnect by a moment;
        // FORCE may not end another role's backend, so wait for it to go instead.
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (error) {
            if (attempt >= DROP_ATTEMPTS || !["42501", "55006"].includes((error as { code?: string }).code ?? "")) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

/** The login role test apps use: a member of `roundtable_app`, as a deployment's server is. */
export const TEST_APP_LOGIN = "roundtable_api_test";

export interface AppScratchDatabase extends ScratchDatabase {
  /** The same database as the application role: owns nothing, subject to row-level security. */
  appUrl: string;
}

/**
 * A fresh database laid out as a deployment has it: migrated by its owner (the role in
 * `TEST_DATABASE_URL`), then used by the server through a login role that is only a member
 * of `roundtable_app`. Tests on it therefore run under row-level security, not around it.
 */
export async function createAppScratchPostgres(adminUrl = TEST_DATABASE_URL): Promise<AppScratchDatabase> {
  const scratch = await createScratchPostgres(adminUrl);
  const owner = new pg.Pool({ connectionString: scratch.url, max: 1 });
  try {
    await applyMigrations(pgPoolExecutor(owner));
    await ensureTestAppLogin(owner);
  } catch (error) {
    await scratch.drop();
    throw error;
  } finally {
    await owner.end();
  }
  const appUrl = new URL(scratch.url);
  appUrl.username = TEST_APP_LOGIN;
  appUrl.password = TEST_APP_LOGIN;
  return { ...scratch, appUrl: appUrl.toString() };
}

/** Roles belong to the cluster, so parallel test files may race to create this one. */
async function ensureTestAppLogin(owner: pg.Pool): Promise<void> {
  await owner.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TEST_APP_LOGIN}') THEN
        CREATE ROLE ${TEST_APP_LOGIN} LOGIN PASSWORD '${TEST_APP_LOGIN}' IN ROLE roundtable_app;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END
    $$`);
  // Lets the owner end the app's sessions when it drops a scratch database (WITH FORCE).
  await owner.query(`GRANT ${TEST_APP_LOGIN} TO CURRENT_USER`).catch(() => {
    // Already granted, or a parallel test file granting it at the same moment.
  });
}
