import { loadDeploymentConfig } from "@roundtable/server";
import { createTestApp, postgresAvailable, type TestApp, type TestDatabaseKind } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, type FuzzTarget, fuzz, OWN, prepareFuzzTarget } from "./support/fuzz/fuzz-target.ts";
import { liveClient } from "./support/live-clients.ts";

// IV-06 over graphql-ws (SU-07): the same generated queries and mutations as fuzz.test.ts,
// sent as `subscribe` messages over a real WebSocket to a production-mode server, one
// socket per caller, with the same checks on every answer. The socket must stay open
// through all of them. FUZZ_WS_RUNS sets how many operations run on each database.

const RUNS = Number(process.env.FUZZ_WS_RUNS ?? 1000);
const databases: TestDatabaseKind[] = postgresAvailable ? ["embedded", "postgres"] : ["embedded"];

/** One operation over the socket: its last result (a query or mutation has one) and every error, refusals included. */
async function answerOver(socket: ReturnType<typeof liveClient>, query: string, variables?: Record<string, unknown>) {
  const collected = socket.subscribe(query, variables);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within 10 s to ${query}`)), 10_000);
  });
  try {
    await Promise.race([collected.ended, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return { data: collected.data.at(-1) ?? null, errors: collected.errors };
}

describe.each(databases)("schema-driven fuzzing over graphql-ws as every role of one agency (%s)", (database) => {
  let t: TestApp;
  let target: FuzzTarget;
  const sockets = new Map<Caller, ReturnType<typeof liveClient>>();

  beforeAll(async () => {
    const { profiles } = await loadDeploymentConfig();
    t = await createTestApp({ database, profiles, production: true, listen: true });
    target = await prepareFuzzTarget(t, profiles);
  });
  afterAll(async () => {
    for (const socket of sockets.values()) socket.close();
    await t?.close();
  });

  const socketOf = (caller: Caller) => {
    let socket = sockets.get(caller);
    if (!socket) {
      socket = liveClient(t.wsUrl!, caller.token);
      sockets.set(caller, socket);
    }
    return socket;
  };

  it(`keeps ${RUNS} random operations over the socket free of unmasked errors and the other agency's data`, {
    timeout: Math.max(180_000, RUNS * 300),
  }, async () => {
    const seen = { data: 0, errors: 0 };
    await fuzz(target, RUNS, async (caller, operation) => {
      const socket = socketOf(caller);
      const body = await answerOver(socket, operation.query, operation.variables);
      if (socket.closes.length > 0) {
        throw new Error(`the server closed ${caller.role}'s socket (${socket.closes.join(", ")}) on ${operation.query}`);
      }
      if (body.data) seen.data += 1;
      if (body.errors.length > 0) seen.errors += 1;
      return { status: 200, body, text: JSON.stringify(body) };
    });
    // The run reached resolvers and refusals alike, not only one kind of answer.
    expect(seen.data).toBeGreaterThan(RUNS / 10);
    expect(seen.errors).toBeGreaterThan(RUNS / 10);

    expect([...sockets.values()].flatMap((socket) => socket.closes)).toEqual([]);
    const chief = socketOf(target.callers.find((caller) => caller.role === "CHIEF")!);
    expect((await answerOver(chief, "{ viewer { agency { slug } } }")).data).toEqual({ viewer: { agency: { slug: OWN } } });
  });
});
