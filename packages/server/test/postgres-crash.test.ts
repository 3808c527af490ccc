import { openDatabase } from "@roundtable/db";
import { type AppScratchDatabase, postgresAvailable } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCrashDamage } from "./support/crash-consistency.ts";
import { until } from "./support/live-clients.ts";
import { type StreamAgency, streamMutationsUntilCrash } from "./support/mutation-stream.ts";
import { type OwnPostgresCluster, startOwnPostgresCluster } from "./support/own-postgres-cluster.ts";
import { type ServerProcess, startServerProcess, stopServerProcess } from "./support/server-process.ts";
import { demoScratchPostgres, graphql, stakeholderNames, streamAgencies } from "./support/stream-participants.ts";

// DI-06, the database half: PostgreSQL itself dies (immediate shutdown: every backend killed,
// no checkpoint) while mutations are in flight, under a server process that keeps running.
// While it is down the server answers without internals and says it is not ready; once it
// is back, the same process serves again without a restart, every acknowledged mutation is
// there, and nothing the crash cut off is there in part.

const SECRET = "postgres-crash-test-secret-0123456789-abcdefgh";
const PREFIX = "Database crash";

/** What a client may see of an outage: nothing of the driver, the ORM, SQL or our source. */
const INTERNALS = /ECONNREFUSED|ECONNRESET|terminat|postgres|prisma|SQLSTATE|\bat .*:\d+:\d+|node_modules|\.ts\b/i;

describe.skipIf(!postgresAvailable)("PostgreSQL killed under a running server (DI-06)", () => {
  let cluster: OwnPostgresCluster;
  let scratch: AppScratchDatabase;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    cluster = await startOwnPostgresCluster();
    scratch = await demoScratchPostgres(cluster.adminUrl);
    server = await startServerProcess({ DATABASE_URL: scratch.appUrl, AUTH_JWT_SECRET: SECRET });
  });
  afterAll(async () => {
    server?.process.child.kill("SIGKILL");
    await server?.process.exited;
    cluster?.destroy();
  });

  it("answers without internals while it is down, then serves again with every acknowledged mutation whole", {
    timeout: 120_000,
  }, async () => {
    const running = server as ServerProcess;
    const agencies = await streamAgencies(running, SECRET);
    const stream = await streamMutationsUntilCrash({
      url: running.url,
      agencies,
      prefix: PREFIX,
      workers: 6,
      crashAfter: 30,
      crashDelayMs: 10,
      crash: async () => cluster.crash(),
    });
    expect(stream.acknowledged.length).toBeGreaterThanOrEqual(30);
    // The server outlived the database: the requests the crash cut off were answered, with errors.
    expect(running.process.running).toBe(true);
    expect(stream.refused.length).toBeGreaterThan(0);
    for (const refusal of stream.refused) expect(refusal).not.toMatch(INTERNALS);

    // Down: not ready, and a query is refused cleanly.
    expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
    const [metro] = agencies as [StreamAgency];
    const whileDown = await fetch(`${running.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${metro.token}` },
      body: JSON.stringify({ query: "{ stakeholders(first: 1) { totalCount } }" }),
    });
    const downText = await whileDown.text();
    expect(downText).toMatch(/"errors"/);
    expect(downText).not.toMatch(INTERNALS);

    // Back: the same process becomes ready and answers, without a restart.
    cluster.restart();
    await until(async () => (await fetch(`${running.url}/readyz`)).status === 200, 30_000, "ready again");
    await until(
      async () => {
        try {
          await graphql(running, metro.token, "{ stakeholders(first: 1) { totalCount } }");
          return true;
        } catch {
          return false;
        }
      },
      30_000,
      "a query to succeed again",
    );

    for (const agency of agencies) {
      const acknowledged = stream.acknowledged.filter((ack) => ack.kind === "stakeholder" && ack.agency === agency.slug);
      const listed = await stakeholderNames(running, agency.token, PREFIX);
      expect(listed).toEqual(expect.arrayContaining(acknowledged.map((ack) => (ack.kind === "stakeholder" ? ack.name : ""))));
    }
    const database = await openDatabase({ databaseUrl: scratch.appUrl, poolSize: 2 });
    try {
      // A request refused because the database died may have committed before it did: like a
      // cut connection, it may be there or not, but never in part.
      const cutOff = { ...stream, unanswered: [...stream.unanswered, ...stream.refused], refused: [] };
      expect(await findCrashDamage(database.prisma, PREFIX, cutOff)).toEqual([]);
    } finally {
      await database.close();
    }
    const created = await graphql<{ createStakeholder: { stakeholder: { name: string } } }>(
      running,
      metro.token,
      `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { name } } }`,
      { name: `After ${PREFIX}` },
    );
    expect(created.createStakeholder.stakeholder.name).toBe(`After ${PREFIX}`);
    expect(await stopServerProcess(running)).toBe(0);
    server = undefined;
  });
});
