import type { IncomingMessage } from "node:http";
import { PothosValidationError } from "@pothos/core";
import {
  type Authenticate,
  bridgeBusToPubSub,
  buildSchema,
  type ComplianceEngine,
  type Context,
  createAuthenticator,
  createComplianceEngine,
  createEventBus,
  createInMemoryPubSub,
  createLiveFeeds,
  createPlatformOperations,
  createProfileRegistry,
  createScopeBySlug,
  type EventBus,
  EventCollector,
  type LivePubSub,
  loadEnabledProfiles,
  type PolicyProfile,
  runProfileHooks,
  scopeToAgency,
  type TokenVerification,
} from "@roundtable/core";
import type { Database } from "@roundtable/db";
import { GraphQLError } from "graphql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import type { RoundtableLogger } from "./logger.ts";
import { useDeniedAttemptAudit } from "./plugins/use-denied-attempt-audit.ts";
import { useDomainEvents } from "./plugins/use-domain-events.ts";
import { useIdempotencyKeys } from "./plugins/use-idempotency-keys.ts";
import { useLookupMissLog } from "./plugins/use-lookup-miss-log.ts";
import { useOpenData } from "./plugins/use-open-data.ts";
import { corsForAllowedOrigins, useOriginAllowlist } from "./plugins/use-origin-allowlist.ts";
import { useSchemaExposure } from "./plugins/use-production-schema-policy.ts";
import { useReadinessEndpoint } from "./plugins/use-readiness-endpoint.ts";
import { requestIdOf, useRequestId } from "./plugins/use-request-id.ts";
import { useRequestLog } from "./plugins/use-request-log.ts";
import { useRequestTransaction } from "./plugins/use-request-transaction.ts";
import { isExpectedError, useUnexpectedErrorLog } from "./plugins/use-unexpected-error-log.ts";
import { requestLogger } from "./request-logger.ts";
import { oncePerRequest } from "./request-principal.ts";
import { attachCacheInvalidation } from "./response-cache/attach-cache-invalidation.ts";
import { CachedAuthentication } from "./response-cache/cached-authentication.ts";
import { createAgencyResponseCache, type ResponseCacheOptions } from "./response-cache/use-agency-response-cache.ts";
import { clientAddress } from "./security/client-address.ts";
import { limitFailedAuthentication } from "./security/limit-failed-authentication.ts";
import { LookupMissMonitor } from "./security/lookup-miss-monitor.ts";
import { createOriginPolicy, type OriginPolicy } from "./security/origin-policy.ts";
import { createSecurityPlugins, type SecurityOptions } from "./security/security-plugins.ts";
import { useSharedEventResults } from "./subscriptions/use-shared-event-results.ts";

export interface AppOptions {
  database: Database;
  /** The policy profiles this deployment installed (roundtable.config.ts). */
  // biome-ignore lint/suspicious/noExplicitAny: each profile has its own settings type.
  profiles?: readonly PolicyProfile<any>[];
  /** The domain-event bus; one is created when not given. */
  bus?: EventBus;
  verification: TokenVerification;
  log: RoundtableLogger;
  graphiql?: boolean;
  introspection?: boolean;
  fieldSuggestions?: boolean;
  /** Where live events go (in memory when not given; Redis with REDIS_URL). */
  pubSub?: LivePubSub;
  /** Reuse query answers per agency, member and roles (response-cache/); off when absent or ttlMs is 0. */
  responseCache?: ResponseCacheOptions;
  /**
   * Remember who a bearer token belongs to (member, roles) for `ttlMs`, so a signed-in
   * request needs no sign-in statements; every committed change of the agency forgets its
   * sign-ins at once, in every process. Off when absent or 0.
   */
  signInCache?: { ttlMs: number };
  /** How often open subscriptions re-check their subscriber's access. @default 60000 */
  liveRevalidateMs?: number;
  /** Query limits, rate limits, timeouts, body size (docs/security.md); safe defaults. */
  security?: SecurityOptions;
  /** Production mode: limits are not named in rejections (unless security.exposeLimits). */
  production?: boolean;
  /** Set false while shutting down so load balancers stop sending traffic. */
  isAcceptingTraffic?: () => boolean;
}

// biome-ignore lint/complexity/noBannedTypes: yoga's server context for node:http carries nothing we read.
export type RoundtableApp = YogaServerInstance<{}, Context> & {
  /** The compliance engine behind this app (the server's periodic sweep uses it). */
  compliance: ComplianceEngine;
  /** What the WebSocket transport needs to authenticate sockets and re-check them. */
  live: { pubSub: LivePubSub; authenticate: Authenticate; revalidateMs: number };
  /** Which browser pages may call the API; the WebSocket transport checks upgrades with it. */
  origins: OriginPolicy;
};

const GRAPHQL_ENDPOINT = "/graphql";

/**
 * The GraphQL application: yoga serving the core schema, a tenant-scoped database client
 * per request, health and readiness endpoints, masked internal errors. No port is opened
 * here, so tests drive it through `app.fetch`.
 */
export function createApp(options: AppOptions): RoundtableApp {
  const { database, log } = options;
  const security = options.security ?? {};
  const authenticate = createAuthenticator({ prisma: database.prisma, verification: options.verification });
  // HTTP requests: failed token use is counted per client address (RATE_LIMITED when over).
  // Remembered sign-ins are dropped by the same invalidation as cached answers.
  const signIns = options.signInCache?.ttlMs ? new CachedAuthentication(authenticate, options.signInCache.ttlMs) : undefined;
  const authenticateRequest = limitFailedAuthentication(signIns?.lookup ?? authenticate, security.failedAuthLimit);
  const trustedProxies = security.trustedProxies ?? 0;
  const whoAsks = oncePerRequest((request, serverContext) =>
    authenticateRequest(request.headers.get("authorization"), clientAddress(request, serverContext, trustedProxies)),
  );
  const securityPlugins = createSecurityPlugins(security, options.production ?? false);
  const origins = createOriginPolicy(security.allowedOrigins);
  const accepting = options.isAcceptingTraffic ?? (() => true);
  const scopeBySlug = createScopeBySlug(database.prisma);
  const platform = createPlatformOperations(database.prisma);
  const installedProfiles = createProfileRegistry(options.profiles ?? []);
  const bus = options.bus ?? createEventBus(log);
  const compliance = createComplianceEngine({ prisma: database.prisma, registry: installedProfiles, bus, log });
  runProfileHooks({ prisma: database.prisma, registry: installedProfiles, bus, log });
  const pubSub = options.pubSub ?? createInMemoryPubSub();
  const revalidateMs = options.liveRevalidateMs ?? 60_000;
  bridgeBusToPubSub(bus, pubSub, log);
  const responseCache = options.responseCache?.ttlMs ? createAgencyResponseCache(options.responseCache, whoAsks) : undefined;
  const invalidated = [...(responseCache ? [responseCache.cache] : []), ...(signIns ? [signIns] : [])];
  if (invalidated.length > 0) {
    attachCacheInvalidation(invalidated, bus, pubSub).catch((error: Error) =>
      log.error({ err: { message: error.message } }, "cache invalidation not attached"),
    );
  }

  const yoga = createYoga<object, Context>({
    schema: buildSchema(installedProfiles.all()),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: "/healthz",
    landingPage: false,
    // useRequestSizeLimit (security plugins) refuses bodies without a Content-Length or over
    // the limit before anything is read, and node:http reads no more than Content-Length says;
    // yoga's own limit would stream every body through a counting TransformStream besides.
    maxRequestBodySize: false,
    graphiql: options.graphiql ?? true,
    cors: corsForAllowedOrigins(origins, GRAPHQL_ENDPOINT),
    logging: {
      debug: (...args) => log.debug({ args }, "yoga"),
      info: (...args) => log.info({ args }, "yoga"),
      warn: (...args) => log.warn({ args }, "yoga"),
      error: (...args) => log.error({ args }, "yoga"),
    },
    maskedErrors: {
      maskError(error, message) {
        if (isExpectedError(error)) return error as Error;
        const located = error instanceof GraphQLError ? error : undefined;
        if (located?.originalError instanceof PothosValidationError) {
          // Pothos rejects bad cursors and arguments itself; those are the client's to fix.
          return new GraphQLError(located.originalError.message, {
            nodes: located.nodes,
            path: located.path,
            extensions: { code: "BAD_USER_INPUT" },
          });
        }
        return new GraphQLError(message, {
          nodes: located?.nodes,
          path: located?.path,
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        });
      },
    },
    plugins: [
      useOriginAllowlist(origins, GRAPHQL_ENDPOINT),
      ...securityPlugins.http,
      useRequestId(),
      useRequestLog(log),
      useOpenData(),
      useUnexpectedErrorLog(log),
      useDomainEvents(bus),
      useSharedEventResults(),
      useDeniedAttemptAudit(log),
      useLookupMissLog(new LookupMissMonitor(log, security.lookupProbe)),
      useIdempotencyKeys(database.prisma, { ...security.idempotency, log }),
      useReadinessEndpoint("/readyz", async () => accepting() && (await database.ping())),
      ...useSchemaExposure({
        introspection: options.introspection ?? true,
        fieldSuggestions: options.fieldSuggestions ?? true,
      }),
      ...securityPlugins.operation,
      // Execution wrappers: the last listed is outermost. A cached or shared answer never
      // opens a transaction, so waiting requests hold no database connection.
      ...(database.kind === "postgres" ? [useRequestTransaction()] : []),
      ...(responseCache ? responseCache.plugins : []),
    ],
    context: async ({
      request,
      req,
      socket,
    }: {
      request: Request;
      req?: IncomingMessage;
      socket?: unknown;
    }): Promise<Context> => {
      const requestId = requestIdOf(request);
      const authorization = request.headers.get("authorization");
      const source = clientAddress(request, { req }, trustedProxies);
      const principal = await whoAsks(request, { req });
      const db = scopeToAgency(database.prisma, principal.kind === "member" ? principal.agencyId : null);
      const requestLog = requestLogger(log, requestId);
      return {
        requestId,
        principal,
        db,
        events: new EventCollector(),
        profiles: loadEnabledProfiles(db, installedProfiles, requestLog),
        installedProfiles,
        compliance,
        live: createLiveFeeds({
          pubSub,
          principal,
          reauthenticate: () => authenticate(authorization),
          revalidateMs,
          // On a WebSocket the socket's own check (subscriptions/revocation-watch.ts) closes it
          // with 4403, which ends every subscription on it; checking each stream as well would
          // double the database work of thousands of subscribers. SSE streams check themselves.
          recheckEachStream: socket === undefined,
        }),
        scopeBySlug,
        platform,
        log: requestLog,
        source,
      };
    },
  });
  return Object.assign(yoga, { compliance, live: { pubSub, authenticate, revalidateMs }, origins });
}
