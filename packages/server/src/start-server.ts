import { createServer, type Server } from "node:http";
import { createEventBus, createInMemoryPubSub, createRedisPubSub, seedDemo } from "@roundtable/core";
import { type Database, openDatabase, pendingMigrations } from "@roundtable/db";
import type { ServerConfig } from "./config.ts";
import { createApp } from "./create-app.ts";
import { type DeploymentConfig, loadDeploymentConfig } from "./deployment-config.ts";
import { createLogger, type RoundtableLogger } from "./logger.ts";
import { attachSubscriptionServer } from "./subscriptions/index.ts";
import { tokenVerification } from "./token-secret.ts";

/** Raised when the hosted database is behind the code; the message says how to fix it. */
export class PendingMigrationsError extends Error {
  constructor(names: string[]) {
    super(`DATABASE_URL: ${names.length} migration(s) pending (${names.join(", ")}); run "pnpm roundtable migrate" first`);
  }
}

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  /**
   * Stops accepting, closes WebSocket subscriptions with 1001 (Going Away, so clients
   * reconnect), lets in-flight requests finish, closes the pub/sub and the database.
   */
  close(): Promise<void>;
}

/**
 * Opens the database the configuration names and serves the API on `config.port`.
 * Embedded: migrations are applied and the demo data is loaded into an empty database.
 * Hosted: refuses to start while migrations are pending.
 */
export async function startServer(
  config: ServerConfig,
  log: RoundtableLogger = createLogger(config.logLevel),
  deployment?: DeploymentConfig,
): Promise<RunningServer> {
  const installed = deployment ?? (await loadDeploymentConfig());
  const verification = tokenVerification(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: "roundtable server" });
  try {
    if (database.kind === "postgres") {
      const pending = await pendingMigrations(database.sql);
      if (pending.length > 0) throw new PendingMigrationsError(pending.map((migration) => migration.name));
    } else {
      const seeded = await seedDemo(database.prisma);
      if (seeded.length > 0) log.info({ agencies: seeded }, "loaded demo data into the empty embedded database");
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  let accepting = true;
  const bus = createEventBus(log);
  // With REDIS_URL every process delivers every event; otherwise this process's own.
  const pubSub = config.redisUrl ? createRedisPubSub({ url: config.redisUrl, log }) : createInMemoryPubSub();
  const app = createApp({
    database,
    bus,
    pubSub,
    profiles: installed.profiles,
    verification,
    log,
    graphiql: config.graphiql,
    introspection: config.introspection,
    fieldSuggestions: config.fieldSuggestions,
    production: config.production,
    responseCache: { ttlMs: config.responseCacheTtlMs },
    signInCache: { ttlMs: config.signInCacheTtlMs },
    security: { allowedOrigins: config.allowedOrigins, trustedProxies: config.trustedProxies },
    isAcceptingTraffic: () => accepting,
  });
  const server = createServer(app);
  const subscriptions = attachSubscriptionServer(server, app, { introspection: config.introspection });
  try {
    await listen(server, config.port);
  } catch (error) {
    // The port is taken (or not ours): give back the database and its DATA_DIR lock.
    await subscriptions.dispose().catch(() => undefined);
    await pubSub.close().catch(() => undefined);
    await database.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log.info(
    { port, database: database.kind, profiles: installed.profiles.map((profile) => profile.id) },
    "roundtable is listening",
  );
  const sweepMinutes = installed.complianceSweepMinutes ?? 60;
  const sweep = () => app.compliance.sweep().catch((error: unknown) => log.error({ err: error }, "compliance sweep failed"));
  const sweeper = sweepMinutes > 0 ? setInterval(sweep, sweepMinutes * 60_000) : undefined;
  sweeper?.unref();
  if (sweepMinutes > 0) void sweep();

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    database,
    close() {
      closing ??= (async () => {
        accepting = false;
        if (sweeper) clearInterval(sweeper);
        await subscriptions.dispose();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // In-flight requests get a grace period; a client that never finishes its request
          // must not keep the process (and the DATA_DIR lock) alive.
          setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
        });
        await app.dispose();
        await bus.settled();
        await pubSub.close();
        await database.close();
        log.info("roundtable stopped");
      })();
      return closing;
    },
  };
}

/** How long in-flight requests may take to finish once shutdown begins. */
const SHUTDOWN_GRACE_MS = 10_000;

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
