import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createScratchPostgres, freePort, postgresAvailable, type ScratchDatabase } from "@roundtable/testing";
import { decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CliProcess,
  type CliResult,
  killLiveProcesses,
  removeTempDirs,
  runCli,
  tempDataDir,
  waitForHealthy,
  waitForLockHolder,
} from "./cli-process.ts";

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const SECRET = "cli-test-secret-0123456789-abcdefghijk";
const VIEWER = "{ viewer { roles agency { slug } } }";
/** Each command is a fresh Node process loading the whole server; loaded CI machines need the headroom. */
const PROCESS_TESTS = { timeout: 60_000 };
const SERVER_TESTS = { timeout: 120_000 };

afterAll(async () => {
  await killLiveProcesses();
  removeTempDirs();
});

/** Usage errors: the reason, then the usage, on stderr only. */
function expectUsageError(result: CliResult, reason: RegExp): void {
  expect(result).toMatchObject({ code: 2, stdout: "" });
  expect(result.stderr.split("\n")[0]).toMatch(reason);
  expect(result.stderr).toContain("usage: roundtable <command> [flags]");
}

/** Known failures: exit 1 and exactly one line on stderr, no stack trace. */
function expectOneLineFailure(result: CliResult, line: RegExp): void {
  expect(result).toMatchObject({ code: 1, stdout: "" });
  expect(result.stderr).toMatch(/^[^\n]*\n$/);
  expect(result.stderr).toMatch(line);
}

async function mintToken(env: Record<string, string>, ...args: string[]): Promise<string> {
  const result = await runCli(["token", ...args], env);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return result.stdout.trim();
}

async function graphql(port: number, query: string, token: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

async function status(port: number, path: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  await response.arrayBuffer();
  return response.status;
}

describe("usage", PROCESS_TESTS, () => {
  it("prints usage and exits 2 without a command", async () => {
    expectUsageError(await runCli([], { DATA_DIR: tempDataDir() }), /^roundtable: no command given$/);
  });

  it("refuses an unknown command with usage", async () => {
    expectUsageError(await runCli(["serve"], { DATA_DIR: tempDataDir() }), /^roundtable: unknown command: serve$/);
  });

  it("refuses an unknown flag with usage, naming the command and the flag", async () => {
    const result = await runCli(["token", "--agency", "metro", "--role", "CHIEF", "--verbose"], { DATA_DIR: tempDataDir() });
    expectUsageError(result, /^roundtable: token: .*--verbose/);
  });

  it("prints usage on stdout when asked for help", async () => {
    const result = await runCli(["--help"], { DATA_DIR: tempDataDir() });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^usage: roundtable <command> \[flags\]\n/);
  });
});

describe("token", PROCESS_TESTS, () => {
  it("prints only a token, signed with the secret it keeps in DATA_DIR, for the demo member of the role", async () => {
    const dataDir = tempDataDir();
    const result = await runCli(["token", "--agency", "metro", "--role", "CHIEF"], { DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const token = result.stdout.slice(0, -1);
    expect(result.stdout).toBe(`${token}\n`);
    expect(token).toMatch(JWT);
    expect(decodeJwt(token)).toMatchObject({ agency: "metro", email: "chief@metro.example", roles: ["CHIEF"] });
    const kept = new TextEncoder().encode(readFileSync(join(dataDir, "jwt-secret"), "utf8"));
    await expect(jwtVerify(token, kept)).resolves.toBeTruthy();
  });

  it("honours --member, --ttl and AUTH_JWT_SECRET", async () => {
    const token = await mintToken(
      { DATA_DIR: tempDataDir(), AUTH_JWT_SECRET: SECRET },
      "--agency",
      "lakeview",
      "--role",
      "coordinator",
      "--member",
      "x@y.example",
      "--ttl",
      "2h",
    );
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SECRET));
    expect(payload).toMatchObject({ agency: "lakeview", email: "x@y.example", roles: ["COORDINATOR"] });
    expect(payload.exp! - payload.iat!).toBe(2 * 60 * 60);
  });

  it("refuses an unknown role, listing the roles", async () => {
    const result = await runCli(["token", "--agency", "metro", "--role", "SERGEANT"], { DATA_DIR: tempDataDir() });
    expectUsageError(result, /^roundtable: token: --role must be one of .*CHIEF.*UNIT_COMMANDER/);
  });

  it("refuses a malformed or zero --ttl", async () => {
    const results = await Promise.all(
      ["soon", "0h"].map((ttl) =>
        runCli(["token", "--agency", "metro", "--role", "CHIEF", "--ttl", ttl], { DATA_DIR: tempDataDir() }),
      ),
    );
    for (const result of results) expectUsageError(result, /^roundtable: token: --ttl must look like/);
  });

  it("refuses to mint tokens the server would not accept when AUTH_JWKS_URL is set", async () => {
    const result = await runCli(["token", "--agency", "metro", "--role", "CHIEF"], {
      DATA_DIR: tempDataDir(),
      AUTH_JWKS_URL: "https://idp.example/.well-known/jwks.json",
    });
    expectOneLineFailure(result, /^roundtable: AUTH_JWKS_URL: /);
  });
});

describe("start with bad configuration", PROCESS_TESTS, () => {
  it("stops with one line naming PORT", async () => {
    const result = await runCli(["start"], { DATA_DIR: tempDataDir(), PORT: "abc" });
    expectOneLineFailure(result, /^roundtable: PORT: /);
  });
});

describe("start on an empty DATA_DIR", SERVER_TESTS, () => {
  let dataDir: string;
  let port: number;
  let server: CliProcess;

  beforeAll(async () => {
    dataDir = tempDataDir();
    port = await freePort();
    server = new CliProcess(["start"], { DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealthy(server, port);
  }, SERVER_TESTS.timeout);
  afterAll(() => killLiveProcesses());

  it("is ready once healthy", async () => {
    expect(await status(port, "/readyz")).toBe(200);
  });

  it("loads the demo data and accepts a token minted while it holds the DATA_DIR", async () => {
    const token = await mintToken({ DATA_DIR: dataDir }, "--agency", "metro", "--role", "CHIEF");
    expect(await graphql(port, VIEWER, token)).toEqual({ data: { viewer: { roles: ["CHIEF"], agency: { slug: "metro" } } } });
  });

  it("refuses seed --demo on the same DATA_DIR, naming the server and its pid", async () => {
    const result = await runCli(["seed", "--demo"], { DATA_DIR: dataDir });
    expectOneLineFailure(result, new RegExp(`^roundtable: DATA_DIR .* is in use by roundtable server \\(pid ${server.pid} `));
  });

  it("refuses a second start on the same DATA_DIR the same way", async () => {
    const result = await runCli(["start"], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expectOneLineFailure(result, new RegExp(`^roundtable: DATA_DIR .* is in use by roundtable server \\(pid ${server.pid} `));
  });

  it("exits 0 on SIGTERM and releases the DATA_DIR", async () => {
    server.child.kill("SIGTERM");
    expect(await server.exit(30_000)).toMatchObject({ code: 0, signal: null });
    const seed = await runCli(["seed", "--demo"], { DATA_DIR: dataDir });
    expect(seed).toMatchObject({ code: 0, stdout: "Demo agencies already present; nothing changed.\n" });
  });

  it("finishes starting, then exits 0, when SIGTERM arrives during start-up", async () => {
    const restarted = new CliProcess(["start"], { DATA_DIR: dataDir, PORT: String(await freePort()) });
    await waitForLockHolder(restarted, dataDir);
    restarted.child.kill("SIGTERM");
    expect(await restarted.exit(60_000)).toMatchObject({ code: 0, signal: null });
  });
});

describe.skipIf(!postgresAvailable)("hosted mode (DATABASE_URL)", SERVER_TESTS, () => {
  let scratch: ScratchDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    scratch = await createScratchPostgres();
    env = { DATABASE_URL: scratch.url, AUTH_JWT_SECRET: SECRET, DATA_DIR: join(tempDataDir(), "unused") };
  });
  afterAll(async () => {
    await killLiveProcesses();
    await scratch?.drop();
  });

  it("refuses to start while migrations are pending, naming the command to run", async () => {
    expectOneLineFailure(await runCli(["start"], { ...env, PORT: "0" }), /^roundtable: DATABASE_URL: .*pnpm roundtable migrate/);
  });

  it("refuses seed --demo while migrations are pending", async () => {
    expectOneLineFailure(await runCli(["seed", "--demo"], env), /^roundtable: DATABASE_URL: .*pnpm roundtable migrate/);
  });

  it("migrate applies the pending migrations, then finds the database up to date", async () => {
    const first = await runCli(["migrate"], env);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): \d+_foundation\b/);
    expect(await runCli(["migrate"], env)).toMatchObject({ code: 0, stdout: "Database is up to date.\n" });
  });

  it("starts on the migrated database, healthy and ready, without touching DATA_DIR", async () => {
    const port = await freePort();
    const server = new CliProcess(["start"], { ...env, PORT: String(port) });
    await waitForHealthy(server, port);
    expect(await status(port, "/readyz")).toBe(200);
    server.child.kill("SIGTERM");
    expect(await server.exit(30_000)).toMatchObject({ code: 0, signal: null });
    expect(existsSync(env.DATA_DIR!)).toBe(false);
  });
});
