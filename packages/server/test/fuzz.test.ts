import { loadDeploymentConfig } from "@roundtable/server";
import { createTestApp, postgresAvailable, type TestApp, type TestDatabaseKind } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOREIGN_TAG, type FuzzTarget, fuzz, OWN, prepareFuzzTarget } from "./support/fuzz/fuzz-target.ts";

// IV-06 over HTTP (support/fuzz/fuzz-target.ts says what is checked). FUZZ_RUNS sets how many
// operations run on PGlite, FUZZ_POSTGRES_RUNS on PostgreSQL; fuzz-ws.test.ts sends the same
// operations over graphql-ws.

const RUNS = { embedded: Number(process.env.FUZZ_RUNS ?? 2000), postgres: Number(process.env.FUZZ_POSTGRES_RUNS ?? 1000) };

const databases: TestDatabaseKind[] = postgresAvailable ? ["embedded", "postgres"] : ["embedded"];

describe.each(databases)("schema-driven fuzzing as every role of one agency (%s)", (database) => {
  const runs = RUNS[database];
  let t: TestApp;
  let target: FuzzTarget;

  beforeAll(async () => {
    const { profiles } = await loadDeploymentConfig();
    t = await createTestApp({ database, profiles, production: true });
    target = await prepareFuzzTarget(t, profiles);
  });
  afterAll(() => t?.close());

  it(`keeps ${runs} random operations free of 5xx, unmasked errors and the other agency's data`, {
    timeout: Math.max(180_000, runs * 150),
  }, async () => {
    // The leak detector itself must see B: a B id (raw, as a global ID, in a cursor) and a B-only text.
    const { pools, foreign } = target;
    const [foreignStakeholder] = pools.foreign.get("Stakeholder") ?? [];
    const rawId =
      Buffer.from(foreignStakeholder ?? "", "base64")
        .toString()
        .split(":")[1] ?? "";
    for (const sample of [rawId, foreignStakeholder, Buffer.from(`GPC:S:${rawId}`).toString("base64")]) {
      expect(foreign.foundIn({ data: { value: sample } }).size).toBe(1);
    }
    expect(foreign.foundIn(`Fixture stakeholder ${FOREIGN_TAG}-Stakeholder`).size).toBeGreaterThan(0);
    expect(foreign.foundIn([...pools.own.values()].flat()).size).toBe(0);

    await fuzz(target, runs, async (caller, operation) => {
      const answer = await t.app.fetch("http://roundtable.test/graphql", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
        },
        body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      });
      const text = await answer.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: answer.status, body, text };
    });

    const ready = await t.app.fetch("http://roundtable.test/readyz");
    expect(ready.status).toBe(200);
    const viewer = await t.graphql("{ viewer { agency { slug } } }", { token: await t.tokenFor(OWN, "CHIEF") });
    expect(viewer.data).toEqual({ viewer: { agency: { slug: OWN } } });
  });
});
