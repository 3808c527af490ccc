import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type RoleName, secretFromString, seedDemo, signToken } from "@roundtable/core";
import { applyMigrations, openDatabase } from "@roundtable/db";
import { createScratchPostgres, freePort, postgresAvailable, type ScratchDatabase } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveClient, sleep, until } from "./support/live-clients.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SECRET = "redis-fanout-test-secret-0123456789-abcdefgh";
const redisAvailable = spawnSync("redis-server", ["--version"]).status === 0;

/** Starts a child and resolves once a line of its output matches `ready`. */
function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${command} did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

describe.skipIf(!postgresAvailable || !redisAvailable)("live events across server processes through Redis", () => {
  let scratch: ScratchDatabase;
  let redis: ChildProcess | undefined;
  const servers: ChildProcess[] = [];
  const ports: number[] = [];
  const clients: { close(): void }[] = [];
  const token = (agency: string, role: RoleName) =>
    signToken({
      secret: secretFromString(SECRET),
      agency,
      email: `${role.toLowerCase()}@${agency}.example`,
      roles: [role],
      ttl: "1h",
    });

  beforeAll(async () => {
    scratch = await createScratchPostgres();
    const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
    try {
      await applyMigrations(database.sql);
      await seedDemo(database.prisma);
    } finally {
      await database.close();
    }
    const redisPort = await freePort();
    redis = await startProcess(
      "redis-server",
      ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {},
      /Ready to accept connections/,
    );
    for (let index = 0; index < 2; index += 1) {
      const port = await freePort();
      ports.push(port);
      const env = {
        PORT: String(port),
        DATABASE_URL: scratch.url,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        AUTH_JWT_SECRET: SECRET,
        LOG_LEVEL: "info",
        NODE_ENV: "test",
      };
      servers.push(
        await startProcess("node", ["--import", "tsx", "packages/cli/src/main.ts", "start"], env, /roundtable is listening/),
      );
    }
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(servers.map(stop));
    await stop(redis);
    await scratch?.drop();
  });

  it("delivers an event caused on process A to a subscriber on process B, and nothing of it to another agency", async () => {
    const [portA, portB] = ports as [number, number];
    const metro = liveClient(`ws://127.0.0.1:${portB}/graphql`, await token("metro", "CHIEF"));
    const lakeview = liveClient(`ws://127.0.0.1:${portB}/graphql`, await token("lakeview", "CHIEF"));
    const lakeviewOnA = liveClient(`ws://127.0.0.1:${portA}/graphql`, await token("lakeview", "CHIEF"));
    clients.push(metro, lakeview, lakeviewOnA);
    const QUERY = `subscription { agencyEvents { type entityType actor { email } } }`;
    type Event = { agencyEvents: { type: string; entityType: string; actor: { email: string } | null } };
    const onB = metro.subscribe<Event>(QUERY);
    const lakeviewOnB = lakeview.subscribe<Event>(QUERY);
    const lakeviewEventsOnA = lakeviewOnA.subscribe<Event>(QUERY);

    const coordinator = await token("metro", "COORDINATOR");
    let created = 0;
    await until(
      async () => {
        const response = await fetch(`http://127.0.0.1:${portA}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${coordinator}` },
          body: JSON.stringify({
            query: `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: BUSINESS }) { stakeholder { id } } }`,
            variables: { name: `Fan-out business ${++created}` },
          }),
        });
        expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
        return onB.data.length > 0;
      },
      20_000,
      "the event on process B",
    );

    expect(onB.data[0]!.agencyEvents).toEqual({
      type: "stakeholder.create",
      entityType: "Stakeholder",
      actor: { email: "coordinator@metro.example" },
    });
    await sleep(500);
    expect(lakeviewOnB.data).toEqual([]);
    expect(lakeviewEventsOnA.data).toEqual([]);
    expect([...lakeviewOnB.errors, ...lakeviewEventsOnA.errors]).toEqual([]);
  });
});
