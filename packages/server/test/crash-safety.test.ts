import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { openDatabase } from "@roundtable/db";
import { type AppScratchDatabase, postgresAvailable } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCrashDamage } from "./support/crash-consistency.ts";
import { type StreamAgency, streamMutationsUntilCrash } from "./support/mutation-stream.ts";
import { RoundtableProcess, type ServerProcess, startServerProcess, stopServerProcess } from "./support/server-process.ts";
import { demoScratchPostgres, graphql, stakeholderNames, streamAgencies, tokenFor } from "./support/stream-participants.ts";

// DI-06: the API process is killed with SIGKILL (no shutdown handler runs) while mutations
// are in flight; after a restart every acknowledged mutation must be there, and nothing the
// crash cut off may be there in part.

const HOSTED_SECRET = "crash-safety-test-secret-0123456789-abcdefgh";

/**
 * One crash round: a stream of mutations from both agencies, SIGKILL once `crashAfter` of
 * them are acknowledged, then a restart that must serve every acknowledged one.
 */
async function crashMidStream(options: {
  server: ServerProcess;
  restart: () => Promise<ServerProcess>;
  secret: string;
  prefix: string;
  crashAfter: number;
  crashDelayMs: number;
}) {
  const agencies = await streamAgencies(options.server, options.secret);
  const stream = await streamMutationsUntilCrash({
    url: options.server.url,
    agencies,
    prefix: options.prefix,
    workers: 6,
    crashAfter: options.crashAfter,
    crashDelayMs: options.crashDelayMs,
    crash: () => options.server.process.crash(),
  });
  expect(stream.refused).toEqual([]);
  expect(stream.acknowledged.length).toBeGreaterThanOrEqual(options.crashAfter);
  // The kill cut requests off: the stream really was mid-flight.
  expect(stream.unanswered.length).toBeGreaterThan(0);
  expect(options.server.process.running).toBe(false);

  const restarted = await options.restart();
  for (const agency of agencies) {
    const acknowledged = stream.acknowledged.filter((ack) => ack.kind === "stakeholder" && ack.agency === agency.slug);
    const listed = await stakeholderNames(restarted, agency.token, options.prefix);
    const names = acknowledged.map((ack) => (ack.kind === "stakeholder" ? ack.name : ""));
    expect(names.length).toBeGreaterThan(0);
    expect(listed).toEqual(expect.arrayContaining(names));
  }
  // It serves again: reads and a new write.
  const [metro] = agencies as [StreamAgency];
  const created = await graphql<{ createStakeholder: { stakeholder: { name: string } } }>(
    restarted,
    metro.token,
    `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { name } } }`,
    { name: `After ${options.prefix}` },
  );
  expect(created.createStakeholder.stakeholder.name).toBe(`After ${options.prefix}`);
  return { stream, restarted };
}

interface CrashRound {
  prefix: string;
  crashAfter: number;
  crashDelayMs: number;
}

/**
 * Crash rounds, one after the other on the same data; the kill lands at a different point
 * of the stream each time (`crashDelayMs` after the `crashAfter`th acknowledgement).
 */
const ROUNDS: CrashRound[] = [
  { prefix: "Crash round one", crashAfter: 40, crashDelayMs: 5 },
  { prefix: "Crash round two", crashAfter: 25, crashDelayMs: 40 },
];

async function crashRounds(first: ServerProcess, restart: () => Promise<ServerProcess>, secret: string) {
  let server = first;
  const streams = [];
  for (const round of ROUNDS) {
    const { stream, restarted } = await crashMidStream({ server, restart, secret, ...round });
    server = restarted;
    streams.push({ prefix: round.prefix, stream });
  }
  return { server, streams };
}

/** Every file's bytes under `dir`, except the lock directory whose heartbeat only touches its time. */
function snapshotFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (relative(dir, full) === ".lock") continue;
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full), createHash("sha256").update(readFileSync(full)).digest("hex"));
    }
  };
  walk(dir);
  return files;
}

/** Waits until the server has stopped writing (its start-up compliance sweep) for a second. */
async function quietSnapshot(dir: string): Promise<Map<string, string>> {
  let previous = snapshotFiles(dir);
  for (let attempt = 0; attempt < 30; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const current = snapshotFiles(dir);
    if (JSON.stringify([...current]) === JSON.stringify([...previous])) return current;
    previous = current;
  }
  throw new Error(`${dir} never stopped changing`);
}

describe("crash safety on the embedded database (PGlite in DATA_DIR)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "roundtable-crash-"));
  let server: ServerProcess | undefined;
  let secret: string;

  beforeAll(async () => {
    // No AUTH_JWT_SECRET: the server generates its secret in DATA_DIR, as on a first run.
    server = await startServerProcess({ DATA_DIR: dataDir });
    secret = readFileSync(join(dataDir, "jwt-secret"), "utf8").trim();
  });
  afterAll(async () => {
    server?.process.child.kill("SIGKILL");
    await server?.process.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a second process on the same DATA_DIR, naming the holder, and changes nothing", async () => {
    const running = server as ServerProcess;
    const holder = new RegExp(`DATA_DIR .* is in use by roundtable server \\(pid ${running.process.pid} `);
    const before = await quietSnapshot(dataDir);
    const metro = await tokenFor(secret, "metro");
    const countBefore = (await stakeholderNames(running, metro, "")).length;

    for (const args of [["start"], ["seed", "--demo"]]) {
      const second = await new RoundtableProcess(args, { DATA_DIR: dataDir, PORT: "0" }).exit();
      expect(second.code).toBe(1);
      expect(second.output).toMatch(holder);
    }

    expect(snapshotFiles(dataDir)).toEqual(before);
    expect((await stakeholderNames(running, metro, "")).length).toBe(countBefore);
    expect(running.process.running).toBe(true);
  });

  it("keeps every acknowledged mutation through SIGKILLs mid-stream, with nothing half-written", {
    timeout: 240_000,
  }, async () => {
    // Restarted straight after the crash, as a supervisor would: the dead holder's lock must not refuse it.
    const crashed = await crashRounds(server as ServerProcess, () => startServerProcess({ DATA_DIR: dataDir }), secret);
    server = crashed.server;
    expect(await stopServerProcess(server)).toBe(0);

    const database = await openDatabase({ dataDir, purpose: "crash-safety test" });
    try {
      for (const { prefix, stream } of crashed.streams)
        expect(await findCrashDamage(database.prisma, prefix, stream)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(!postgresAvailable)("crash safety on PostgreSQL", () => {
  let scratch: AppScratchDatabase;
  let server: ServerProcess | undefined;
  // As deployed: migrated by the owner, served through the application role (row-level security).
  const env = () => ({ DATABASE_URL: scratch.appUrl, AUTH_JWT_SECRET: HOSTED_SECRET });

  beforeAll(async () => {
    scratch = await demoScratchPostgres();
    server = await startServerProcess(env());
  });
  afterAll(async () => {
    server?.process.child.kill("SIGKILL");
    await server?.process.exited;
    await scratch?.drop();
  });

  it("keeps every acknowledged mutation through SIGKILLs mid-stream, with nothing half-written", {
    timeout: 180_000,
  }, async () => {
    const crashed = await crashRounds(server as ServerProcess, () => startServerProcess(env()), HOSTED_SECRET);
    server = crashed.server;
    const database = await openDatabase({ databaseUrl: scratch.appUrl, poolSize: 2 });
    try {
      for (const { prefix, stream } of crashed.streams)
        expect(await findCrashDamage(database.prisma, prefix, stream)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(await stopServerProcess(server)).toBe(0);
  });
});
