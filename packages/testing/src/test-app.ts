import { createServer } from "node:http";
import {
  createEventBus,
  type EventBus,
  type PolicyProfile,
  type RoleName,
  scopeToAgency,
  secretFromString,
  seedDemo,
  signToken,
  type TenantDb,
} from "@roundtable/core";
import { type Database, IN_MEMORY, openDatabase } from "@roundtable/db";
import {
  attachSubscriptionServer,
  createApp,
  createLogger,
  type RoundtableApp,
  type SecurityOptions,
  type SlowConsumerOptions,
  type SubscriptionServer,
} from "@roundtable/server";
import { createAppScratchPostgres } from "./postgres.ts";

/** The secret every test app signs and verifies with. */
export const TEST_SECRET = "roundtable-test-secret-0123456789-abcdefgh";

export type TestDatabaseKind = "embedded" | "postgres";

export interface TestAppOptions {
  /** Embedded in-memory PGlite (default) or a scratch database on real PostgreSQL. */
  database?: TestDatabaseKind;
  /** Load the demo agencies (default true). */
  seed?: boolean;
  production?: boolean;
  /** Security knobs passed to createApp (rate limits, query limits, trusted proxies, ...). */
  security?: SecurityOptions;
  /** Installed policy profiles (none by default). */
  // biome-ignore lint/suspicious/noExplicitAny: each profile has its own settings type.
  profiles?: readonly PolicyProfile<any>[];
  /**
   * Serve on a real loopback port with WebSocket subscriptions attached (for graphql-ws and
   * SSE clients); `url` and `wsUrl` then say where.
   */
  listen?: boolean | { revalidateMs?: number; slowConsumers?: SlowConsumerOptions };
  /** How often subscriptions re-check their subscriber's access (default 60 s). */
  liveRevalidateMs?: number;
  /**
   * Reuse query answers for this long (ms). Off by default: tests change rows behind the
   * API's back and expect the next query to see it.
   */
  responseCacheTtlMs?: number;
  /** Remember checked sign-ins for this long (ms). Off by default, for the same reason. */
  signInCacheTtlMs?: number;
}

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface TestApp {
  app: RoundtableApp;
  /** What the server uses; on PostgreSQL it connects as the application role (row-level security applies). */
  database: Database;
  /**
   * Agency `slug`'s rows as the application sees them (the tenant-scoped client), for a
   * test's own setup and checks. The root `database.prisma` sees every agency on PGlite and
   * none on PostgreSQL (row-level security); this sees that agency's on both.
   */
  agencyDb(slug: string): Promise<TenantDb>;
  /** PostgreSQL only: connection strings of the database's owner and of the application role. */
  postgres?: { ownerUrl: string; appUrl: string };
  bus: EventBus;
  /** `http://127.0.0.1:<port>` when listening. */
  url?: string;
  /** `ws://127.0.0.1:<port>/graphql` when listening. */
  wsUrl?: string;
  /** The WebSocket transport when listening. */
  subscriptions?: SubscriptionServer;
  /** Waits until every event handler (compliance re-evaluation, hooks) has finished. */
  settle(): Promise<void>;
  /** Posts a GraphQL operation as a client would, optionally with a bearer token. */
  graphql<Data = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string | undefined; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<Data>>;
  /** A token for the demo member holding `role` in agency `slug` (as `roundtable token` makes). */
  /** The global ID of an org unit of agency `slug`, by name (or its first unit), as the API shows it. */
  unitId(slug: string, name?: string): Promise<string>;
  tokenFor(slug: string, role: RoleName, options?: { email?: string; ttl?: string }): Promise<string>;
  close(): Promise<void>;
}

/** A fresh application on a fresh database, for one test file. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const scratch = options.database === "postgres" ? await createAppScratchPostgres() : undefined;
  const database = await openDatabase(scratch ? { databaseUrl: scratch.appUrl, poolSize: 4 } : { dataDir: IN_MEMORY });
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
    production: options.production ?? false,
    security: options.security,
    ...(options.liveRevalidateMs ? { liveRevalidateMs: options.liveRevalidateMs } : {}),
    ...(options.responseCacheTtlMs ? { responseCache: { ttlMs: options.responseCacheTtlMs } } : {}),
    ...(options.signInCacheTtlMs ? { signInCache: { ttlMs: options.signInCacheTtlMs } } : {}),
  });
  const served = options.listen
    ? await serve(app, options.listen === true ? {} : options.listen, !options.production)
    : undefined;

  const graphql: TestApp["graphql"] = async (query, { variables, token, headers = {} } = {}) => {
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
  };

  return {
    app,
    database,
    ...(scratch ? { postgres: { ownerUrl: scratch.url, appUrl: scratch.appUrl } } : {}),
    async agencyDb(slug) {
      const agency = await database.prisma.agency.findUniqueOrThrow({ where: { slug }, select: { id: true } });
      return scopeToAgency(database.prisma, agency.id);
    },
    bus,
    ...(served ? { url: served.url, wsUrl: served.wsUrl, subscriptions: served.subscriptions } : {}),
    settle: () => bus.settled(),
    graphql,
    async unitId(slug, name) {
      const token = await signToken({ secret, agency: slug, email: `chief@${slug}.example`, roles: ["CHIEF"], ttl: "5m" });
      const response = await graphql<{ agency: { orgUnits: { edges: { node: { id: string; name: string } }[] } } }>(
        "{ agency { orgUnits(first: 100) { edges { node { id name } } } } }",
        { token },
      );
      const unit = response.data?.agency.orgUnits.edges.find((edge) => name === undefined || edge.node.name === name);
      if (!unit) throw new Error(`test app: ${slug} has no org unit ${name ?? ""}`);
      return unit.node.id;
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
      await served?.close();
      await bus.settled();
      await app.dispose();
      await database.close();
      await scratch?.drop();
    },
  };
}

async function serve(
  app: RoundtableApp,
  options: { revalidateMs?: number; slowConsumers?: SlowConsumerOptions },
  introspection: boolean,
) {
  const server = createServer(app);
  const subscriptions = attachSubscriptionServer(server, app, { introspection, ...options });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    subscriptions,
    async close() {
      await subscriptions.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
