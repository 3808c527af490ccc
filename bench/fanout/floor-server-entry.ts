/**
 * The in-run baseline for the fan-out figure: graphql-ws and ws alone, the transport
 * Roundtable uses, with a plain graphql-js schema, no authentication, no database and no
 * envelop plugins, serving the same subscription shape. Its latency and CPU per event are
 * the floor any server on these libraries reaches on this machine at this moment; forked by
 * `floor-server.ts` and driven over IPC.
 */
import { createServer } from "node:http";
import { GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { answerIpcRequests } from "./ipc-requests.ts";
import { monotonicMs } from "./monotonic-clock.ts";

export type FloorRequest =
  | { kind: "describe" }
  | { kind: "listeners" }
  | { kind: "publish"; entityId: string }
  | { kind: "cpu" }
  | { kind: "stop" };

type Listener = (event: unknown) => void;
const listeners = new Set<Listener>();

/** One subscriber's events, as small as an async iterator can be. */
function eventStream(): AsyncIterableIterator<unknown> {
  const queue: unknown[] = [];
  let waiting: ((result: IteratorResult<unknown>) => void) | undefined;
  const listener: Listener = (event) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: event, done: false });
    } else queue.push(event);
  };
  listeners.add(listener);
  const iterator: AsyncIterableIterator<unknown> = {
    next: () =>
      queue.length > 0
        ? Promise.resolve({ value: queue.shift(), done: false })
        : new Promise((resolve) => {
            waiting = resolve;
          }),
    return: () => {
      listeners.delete(listener);
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

const text = { type: GraphQLString };
const Actor = new GraphQLObjectType({ name: "Actor", fields: { id: text, name: text } });
const AgencyEvent = new GraphQLObjectType({
  name: "AgencyEvent",
  fields: { type: text, at: text, entityType: text, entityId: text, actor: { type: Actor } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: "Query", fields: { ok: text } }),
  subscription: new GraphQLObjectType({
    name: "Subscription",
    fields: {
      agencyEvents: {
        type: AgencyEvent,
        args: { types: { type: new GraphQLList(GraphQLString) } },
        subscribe: () => eventStream(),
        resolve: (event) => event,
      },
    },
  }),
});

const server = createServer();
const wsServer = new WebSocketServer({ server, path: "/graphql" });
useServer({ schema }, wsServer);
const listening = new Promise<number>((resolve) =>
  server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
);

answerIpcRequests(async (request: FloorRequest) => {
  const port = await listening;
  switch (request.kind) {
    case "describe":
      return { wsUrl: `ws://127.0.0.1:${port}/graphql` };
    case "listeners":
      return { listeners: listeners.size };
    case "publish": {
      const event = {
        type: "stakeholder.create",
        at: new Date().toISOString(),
        entityType: "Stakeholder",
        entityId: request.entityId,
        actor: { id: "floor", name: "Coordinator" },
      };
      const at = monotonicMs();
      for (const listener of listeners) listener(event);
      return { at };
    }
    case "cpu":
      return process.cpuUsage();
    case "stop":
      for (const client of wsServer.clients) client.terminate();
      server.close();
      setImmediate(() => process.exit(0));
      return null;
  }
});
