import { Writable } from "node:stream";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../src/index.ts";

describe("HTTP surface in development mode", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("answers /healthz and /readyz with 200 while the database answers", async () => {
    expect((await t.app.fetch("http://roundtable.test/healthz")).status).toBe(200);
    expect((await t.app.fetch("http://roundtable.test/readyz")).status).toBe(200);
  });

  it("serves GraphiQL to a browser asking for /graphql", async () => {
    const response = await t.app.fetch("http://roundtable.test/graphql", { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/graphiql/i);
  });

  it("treats a request without a token as the public", async () => {
    const response = await t.graphql("{ viewer { authenticated roles agency { slug } member { id } } }");
    expect(response.data).toEqual({ viewer: { authenticated: false, roles: [], agency: null, member: null } });
  });

  it("answers malformed GraphQL with a standard error, never a 500", async () => {
    const response = await t.graphql("{ viewer { ");
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it("answers an unknown field with a validation error and suggests the right one", async () => {
    const response = await t.graphql("{ viewer { rols } }");
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/Cannot query field "rols".*Did you mean "roles"/);
  });

  it("echoes a sane X-Request-Id and invents one otherwise", async () => {
    const given = await t.graphql("{ viewer { authenticated } }", { headers: { "x-request-id": "abc-123" } });
    expect(given.headers.get("x-request-id")).toBe("abc-123");
    const invented = await t.graphql("{ viewer { authenticated } }", { headers: { "x-request-id": "<script>" } });
    expect(invented.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses signed-in-only fields to the public with UNAUTHENTICATED", async () => {
    const response = await t.graphql("{ agency { slug } }");
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(response.data).toBeNull();
  });
});

describe("HTTP surface in production mode", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ production: true });
  });
  afterAll(() => t.close());

  it("refuses introspection", async () => {
    const response = await t.graphql("{ __schema { types { name } } }");
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it("gives no field suggestions", async () => {
    const response = await t.graphql("{ viewer { rols } }");
    expect(JSON.stringify(response.errors)).not.toMatch(/Did you mean/);
  });

  it("serves no GraphiQL", async () => {
    const response = await t.app.fetch("http://roundtable.test/graphql", { headers: { accept: "text/html" } });
    expect(await response.text()).not.toMatch(/graphiql/i);
  });
});

describe("unexpected failures", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let t: TestApp;
  let app: ReturnType<typeof createApp>;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor("metro", "CHIEF");
    app = createApp({
      database: t.database,
      verification: { kind: "secret", secret: new TextEncoder().encode("roundtable-test-secret-0123456789-abcdefgh") },
      log: createLogger("info", sink),
    });
  });
  afterAll(() => t.close());

  it("logs one line per request: its id, method, path, status and time, never the query or the token", async () => {
    lines.length = 0;
    await app.fetch("http://roundtable.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": "req-43" },
      body: JSON.stringify({ query: "{ viewer { roles } }" }),
    });
    const entries = lines.flatMap((chunk) => chunk.trim().split("\n")).map((line) => JSON.parse(line));
    expect(entries.filter((entry) => entry.msg === "request")).toEqual([
      expect.objectContaining({ requestId: "req-43", method: "POST", path: "/graphql", status: 200, ms: expect.any(Number) }),
    ]);
    expect(lines.join("")).not.toContain("viewer");
    expect(lines.join("")).not.toContain(token);
  });

  it("masks an internal error, logs it with the request id, and never logs the token", async () => {
    await t.database.prisma.$executeRawUnsafe(`ALTER TABLE "OrgUnit" RENAME TO "OrgUnitGone"`);
    try {
      const response = await app.fetch("http://roundtable.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": "req-42" },
        body: JSON.stringify({ query: "{ agency { orgUnits { totalCount } } }" }),
      });
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]).toEqual({
        message: "Unexpected error.",
        locations: expect.any(Array),
        path: ["agency"],
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      });
      expect(JSON.stringify(body)).not.toMatch(/OrgUnit|prisma|at /);
      const entries = lines.flatMap((chunk) => chunk.trim().split("\n")).map((line) => JSON.parse(line));
      expect(entries.find((entry) => entry.msg === "unexpected error")).toMatchObject({
        requestId: "req-42",
        err: { message: expect.stringContaining("OrgUnit") },
      });
      expect(lines.join("")).not.toContain(token);
    } finally {
      await t.database.prisma.$executeRawUnsafe(`ALTER TABLE "OrgUnitGone" RENAME TO "OrgUnit"`);
    }
  });

  it("answers /readyz with 503 once the database stops answering", async () => {
    const broken = createApp({
      database: { ...t.database, ping: async () => false },
      verification: { kind: "secret", secret: new TextEncoder().encode("x".repeat(32)) },
      log: createLogger("silent"),
    });
    expect((await broken.fetch("http://roundtable.test/readyz")).status).toBe(503);
    expect((await broken.fetch("http://roundtable.test/healthz")).status).toBe(200);
  });

  it("answers /readyz with an empty 503 when the database check throws, naming nothing of it", async () => {
    const unreachable = createApp({
      database: {
        ...t.database,
        ping: async () => {
          throw new Error("connect ECONNREFUSED 10.0.0.7:5432");
        },
      },
      verification: { kind: "secret", secret: new TextEncoder().encode("x".repeat(32)) },
      log: createLogger("silent"),
    });
    const response = await unreachable.fetch("http://roundtable.test/readyz");
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("");
    // Only the path itself is the endpoint.
    expect((await unreachable.fetch("http://roundtable.test/graphql?next=/readyz")).status).not.toBe(503);
  });
});
