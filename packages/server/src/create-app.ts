import { PothosValidationError } from "@pothos/core";
import {
  buildSchema,
  type ComplianceEngine,
  type Context,
  createAuthenticator,
  createComplianceEngine,
  createEventBus,
  createPlatformOperations,
  createProfileRegistry,
  createScopeBySlug,
  type EventBus,
  EventCollector,
  loadEnabledProfiles,
  type PolicyProfile,
  runProfileHooks,
  scopeToAgency,
  type TokenVerification,
} from "@roundtable/core";
import type { Database } from "@roundtable/db";
import { GraphQLError } from "graphql";
import { createYoga, useReadinessCheck, type YogaServerInstance } from "graphql-yoga";
import type { RoundtableLogger } from "./logger.ts";
import { useDomainEvents } from "./plugins/use-domain-events.ts";
import { useSchemaExposure } from "./plugins/use-production-schema-policy.ts";
import { requestIdOf, useRequestId } from "./plugins/use-request-id.ts";
import { useRequestLog } from "./plugins/use-request-log.ts";
import { isExpectedError, useUnexpectedErrorLog } from "./plugins/use-unexpected-error-log.ts";

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
  /** Set false while shutting down so load balancers stop sending traffic. */
  isAcceptingTraffic?: () => boolean;
}

// biome-ignore lint/complexity/noBannedTypes: yoga's server context for node:http carries nothing we read.
export type RoundtableApp = YogaServerInstance<{}, Context> & {
  /** The compliance engine behind this app (the server's periodic sweep uses it). */
  compliance: ComplianceEngine;
};

/**
 * The GraphQL application: yoga serving the core schema, a tenant-scoped database client
 * per request, health and readiness endpoints, masked internal errors. No port is opened
 * here, so tests drive it through `app.fetch`.
 */
export function createApp(options: AppOptions): RoundtableApp {
  const { database, log } = options;
  const authenticate = createAuthenticator({ prisma: database.prisma, verification: options.verification });
  const accepting = options.isAcceptingTraffic ?? (() => true);
  const scopeBySlug = createScopeBySlug(database.prisma);
  const platform = createPlatformOperations(database.prisma);
  const installedProfiles = createProfileRegistry(options.profiles ?? []);
  const bus = options.bus ?? createEventBus(log);
  const compliance = createComplianceEngine({ prisma: database.prisma, registry: installedProfiles, bus, log });
  runProfileHooks({ prisma: database.prisma, registry: installedProfiles, bus, log });

  const yoga = createYoga<object, Context>({
    schema: buildSchema(installedProfiles.all()),
    graphqlEndpoint: "/graphql",
    healthCheckEndpoint: "/healthz",
    landingPage: false,
    graphiql: options.graphiql ?? true,
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
      useRequestId(),
      useRequestLog(log),
      useUnexpectedErrorLog(log),
      useDomainEvents(bus),
      useReadinessCheck({
        endpoint: "/readyz",
        check: async () => accepting() && (await database.ping()),
      }),
      ...useSchemaExposure({
        introspection: options.introspection ?? true,
        fieldSuggestions: options.fieldSuggestions ?? true,
      }),
    ],
    context: async ({ request }): Promise<Context> => {
      const requestId = requestIdOf(request);
      const principal = await authenticate(request.headers.get("authorization"));
      const db = scopeToAgency(database.prisma, principal.kind === "member" ? principal.agencyId : null);
      const requestLog = log.child({ requestId });
      return {
        requestId,
        principal,
        db,
        events: new EventCollector(),
        profiles: loadEnabledProfiles(db, installedProfiles, requestLog),
        installedProfiles,
        compliance,
        scopeBySlug,
        platform,
        log: requestLog,
        source: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim(),
      };
    },
  });
  return Object.assign(yoga, { compliance });
}
