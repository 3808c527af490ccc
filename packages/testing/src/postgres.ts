import { randomBytes } from "node:crypto";
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

export async function createScratchPostgres(): Promise<ScratchDatabase> {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `rt_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
