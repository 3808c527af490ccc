import { createEventBus, type EventBus, type PolicyProfile, type RoleName, secretFromString, seedDemo, signToken } from "@roundtable/core";
import { applyMigrations, type Database, IN_MEMORY, openDatabase } from "@roundtable/db";
import { createApp, createLogger, type RoundtableApp } from "@roundtable/server";
import { createScratchPostgres } from "./postgres.ts";

/** The secret every test app signs and verifies with. */
export const TEST_SECRET = "roundtable-test-secret-0123456789-abcdefgh";

export type TestDatabaseKind = "embedded" | "postgres";

export interface TestAppOptions {
  /** Embedded in-memory PGlite (default) or a scratch database on real PostgreSQL. */
  database?: TestDatabaseKind;
  /** Load the demo agencies (default true). */
  seed?: boolean;
  production?: boolean;
  /** Installed policy profiles (none by default). */
  // biome-ignore lint/suspicious/noExplicitAny: each profile has its own settings type.
  profiles?: readonly PolicyProfile<any>[];
}

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface TestApp {
  app: RoundtableApp;
  database: Database;
  bus: EventBus;
  /** Waits until every event handler (compliance re-evaluation, hooks) has finished. */
  settle(): Promise<void>;
  /** Posts a GraphQL operation as a client would, optionally with a bearer token. */
  graphql<Data = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string | undefined; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<Data>>;
  /** A token for the demo member holding `role` in agency `slug` (as `roundtable token` makes). */
  tokenFor(slug: string, role: RoleName, options?: { email?: string; ttl?: string }): Promise<string>;
  close(): Promise<void>;
}

/** A fresh application on a fresh database, for one test file. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const scratch = options.database === "postgres" ? await createScratchPostgres() : undefined;
  const database = await openDatabase(scratch ? { databaseUrl: scratch.url, poolSize: 4 } : { dataDir: IN_MEMORY });
  if (scratch) await applyMigrations(database.sql);
  if (options.seed ?? true) await seedDemo(database.prisma);
  const secret = secretFromString(TEST_SECRET);
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const bus = createEventBus(log);
  const app = createApp({
    database,
    bus,
    profiles: options.profiles ?? [],
    verification: { kind: "secret", secret },
    log,
    graphiql: !options.production,
    introspection: !options.production,
    fieldSuggestions: !options.production,
  });

  return {
    app,
    database,
    bus,
    settle: () => bus.settled(),
    async graphql(query, { variables, token, headers = {} } = {}) {
      const response = await app.fetch("http://roundtable.test/graphql", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, "status" | "headers">;
      return { ...body, status: response.status, headers: response.headers } as never;
    },
    tokenFor(slug, role, { email, ttl } = {}) {
      return signToken({
        secret,
        agency: slug,
        email: email ?? `${role.toLowerCase()}@${slug}.example`,
        roles: [role],
        ttl: ttl ?? "1h",
      });
    },
    async close() {
      await bus.settled();
      await app.dispose();
      await database.close();
      await scratch?.drop();
    },
  };
}
