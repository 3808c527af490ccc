import type { IncomingMessage, Server } from "node:http";
import type { Principal } from "@roundtable/core";
import { type ExecutionArgs, GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules } from "graphql";
import { CloseCode, type OperationResult } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { type WebSocket, WebSocketServer } from "ws";
import type { RoundtableApp } from "../create-app.ts";
import { CLOSE_CODES } from "./close-codes.ts";
import { createRevocationWatch } from "./revocation-watch.ts";
import { createSlowConsumerGuard, type SlowConsumerOptions } from "./slow-consumers.ts";

export interface SubscriptionServerOptions {
  /** false in production: introspection is refused over the socket as over HTTP. */
  introspection: boolean;
  /** How often each socket's credential is checked again. @default the app's `live.revalidateMs` */
  revalidateMs?: number;
  /** Operations one socket may run at once. @default 20 */
  maxOperationsPerSocket?: number;
  /** Largest message a client may send. @default 64 KiB */
  maxPayloadBytes?: number;
  slowConsumers?: SlowConsumerOptions;
}

export interface SubscriptionServer {
  /** Sockets currently open. */
  openSockets(): number;
  /** Closes every socket with 1001 (Going Away), so clients reconnect, and stops listening. */
  dispose(): Promise<void>;
}

interface ConnectionState {
  authorization: string | undefined;
  principal: Principal;
}

type Extra = { socket: WebSocket; request: IncomingMessage; state?: ConnectionState };

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's `/graphql`, running
 * every operation through the same envelop pipeline as HTTP (yoga's `getEnveloped`): the
 * same context and tenant scoping, error masking, validation plugins and domain events.
 * The token comes in `connection_init` as `{ authorization: "Bearer …" }`; a bad one closes
 * the socket with 4403. HTTP-only plugins do not see socket messages, so what they enforce
 * is enforced here again (introspection), and so is the origin allowlist (on the upgrade).
 */
export function attachSubscriptionServer(
  server: Server,
  app: RoundtableApp,
  options: SubscriptionServerOptions,
): SubscriptionServer {
  const wsServer = new WebSocketServer({
    server,
    path: "/graphql",
    maxPayload: options.maxPayloadBytes ?? 64 * 1024,
    // Browsers apply no CORS to WebSocket upgrades: a page on another site could otherwise
    // open a socket in a signed-in member's name. Refused with 403 before graphql-ws sees it.
    verifyClient: ({ origin, req }, done) =>
      app.origins.allows(origin, req.headers.host) ? done(true) : done(false, 403, "Origin not allowed"),
  });
  const revocation = createRevocationWatch(app.live.authenticate, options.revalidateMs ?? app.live.revalidateMs);
  const slow = createSlowConsumerGuard(options.slowConsumers);
  const maxOperations = options.maxOperationsPerSocket ?? 20;
  const rules = options.introspection ? undefined : [...specifiedRules, NoSchemaIntrospectionCustomRule];

  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      onConnect: async (ctx) => {
        const offered = ctx.connectionParams?.authorization;
        const authorization = typeof offered === "string" ? offered : undefined;
        const principal = await app.live.authenticate(authorization).catch(() => undefined);
        if (!principal) return false; // graphql-ws closes with 4403 Forbidden
        ctx.extra.state = { authorization, principal };
        revocation.watch(ctx.extra.socket, authorization, principal);
        slow.watch(ctx.extra.socket);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const state = ctx.extra.state;
        if (!state) return [new GraphQLError("Not connected", { extensions: { code: "UNAUTHENTICATED" } })];
        if (Object.keys(ctx.subscriptions).length >= maxOperations) {
          return [
            new GraphQLError(`At most ${maxOperations} operations may run at once on one connection.`, {
              extensions: { code: "RATE_LIMITED" },
            }),
          ];
        }
        const request = requestFor(ctx.extra.request, state.authorization);
        try {
          const enveloped = app.getEnveloped({ request, req: ctx.extra.request, params: payload, socket: ctx.extra.socket });
          const document = enveloped.parse(payload.query);
          const errors = enveloped.validate(enveloped.schema, document, rules);
          if (errors.length > 0) return errors;
          return {
            schema: enveloped.schema,
            operationName: payload.operationName,
            document,
            variableValues: payload.variables,
            contextValue: await enveloped.contextFactory(),
            rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
          } satisfies ExecutionArgs;
        } catch (error) {
          // Syntax errors, limits enforced while parsing, and access revoked since the socket
          // connected (the context refuses to build) answer this operation; they must not
          // close the socket as an internal error.
          const expected = asGraphQLError(error);
          if (expected) return [expected];
          throw error;
        }
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onNext: (ctx) => {
        slow.delivering(ctx.extra.socket);
      },
    },
    wsServer,
  );

  return {
    openSockets: () => wsServer.clients.size,
    async dispose() {
      revocation.stop();
      slow.stop();
      const clients = [...wsServer.clients];
      // A client that stopped reading never answers the close handshake.
      const stragglers = setTimeout(() => {
        for (const client of clients) client.terminate();
      }, 2000);
      await disposable.dispose();
      clearTimeout(stragglers);
    },
  };
}

type Enveloped = {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
};

/** A GraphQLError, also one made by another copy of graphql (plugins may bundle their own). */
function asGraphQLError(error: unknown): GraphQLError | undefined {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Error && error.name === "GraphQLError") {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    return new GraphQLError(error.message, extensions ? { extensions } : {});
  }
  return undefined;
}

/**
 * The request the context is built from: the credential of `connection_init` (never a token
 * from the URL) and the upgrade request's client address and request id.
 */
function requestFor(upgrade: IncomingMessage, authorization: string | undefined): Request {
  const headers = new Headers();
  if (authorization) headers.set("authorization", authorization);
  for (const name of ["x-forwarded-for", "x-request-id", "user-agent"]) {
    const value = upgrade.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request("http://localhost/graphql", { method: "POST", headers });
}

export { CLOSE_CODES, CloseCode };
