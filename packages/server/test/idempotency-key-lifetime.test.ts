import { createTestApp, postgresAvailable, type TestApp, type TestDatabaseKind } from "@roundtable/testing";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyRequestHash } from "../src/plugins/use-idempotency-keys.ts";

// DI-01/DI-06 edges: a key whose request died mid-run, keys past their retention, pruning.
// A dead request leaves exactly what these tests write by hand: its claim, with no answer.

const CREATE = `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { id name } } }`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const databases: TestDatabaseKind[] = postgresAvailable ? ["embedded", "postgres"] : ["embedded"];

describe.each(databases)("Idempotency-Key lifetime (%s)", (database) => {
  let t: TestApp;
  let coordinator: string;
  let scope: string;
  const records = () => t.database.prisma.idempotencyRecord;
  const count = async (name: string) => (await t.agencyDb("metro")).stakeholder.count({ where: { name } });
  const send = (name: string, key: string) =>
    t.graphql(CREATE, { token: coordinator, variables: { name }, headers: { "idempotency-key": key } });
  /** The record a request for `name` leaves when it claimed `key` `age` ago and then died. */
  const deadClaim = (key: string, name: string, age: number) =>
    records().create({
      data: {
        scope,
        key,
        operation: "mutation",
        requestHash: idempotencyRequestHash(parse(CREATE), undefined, { name }),
        createdAt: new Date(Date.now() - age),
      },
    });

  beforeAll(async () => {
    // Prune on every keyed request, so the pruning test needs no clock.
    t = await createTestApp({ database, security: { idempotency: { pruneEveryMs: 0 } } });
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    const metro = await t.agencyDb("metro");
    const agency = await metro.agency.findFirstOrThrow({ select: { id: true } });
    const member = await metro.member.findFirstOrThrow({ where: { email: "coordinator@metro.example" } });
    scope = `${agency.id}:${member.id}`;
  });
  afterAll(() => t?.close());

  it("lets the same request run again once the claim of a request that died is older than the claim timeout", async () => {
    await deadClaim("dead-1", "Kennedy High", 10 * MINUTE);
    const retry = await send("Kennedy High", "dead-1");
    expect(retry.errors).toBeUndefined();
    expect(await count("Kennedy High")).toBe(1);
    // From now on the key answers with this run's result, as any completed key does.
    const again = await send("Kennedy High", "dead-1");
    expect(again.data).toEqual(retry.data);
    expect(await count("Kennedy High")).toBe(1);
  });

  it("keeps answering 'still running' while the claim is younger than the claim timeout", async () => {
    await deadClaim("dead-2", "Madison Middle", 30_000);
    const retry = await send("Madison Middle", "dead-2");
    expect(retry.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(retry.errors?.[0]?.message).toMatch(/still running/);
    expect(await count("Madison Middle")).toBe(0);
  });

  it("never hands a dead claim to a different request", async () => {
    await deadClaim("dead-3", "Monroe Elementary", 10 * MINUTE);
    const other = await send("Some Other School", "dead-3");
    expect(other.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(other.errors?.[0]?.message).toMatch(/different request/);
    expect(await count("Some Other School")).toBe(0);
  });

  it("lets one of several simultaneous retries take a dead claim over; the others are told it is running", async () => {
    await deadClaim("dead-4", "Adams Academy", 10 * MINUTE);
    const answers = await Promise.all(Array.from({ length: 6 }, () => send("Adams Academy", "dead-4")));
    expect(await count("Adams Academy")).toBe(1);
    expect(answers.filter((answer) => !answer.errors)).not.toHaveLength(0);
    for (const answer of answers) if (answer.errors) expect(answer.errors[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("frees a key once its retention period is over: a new request with it runs", async () => {
    const first = await send("Hamilton High", "reused-1");
    expect(first.errors).toBeUndefined();
    await records().update({
      where: { scope_key: { scope, key: "reused-1" } },
      data: { createdAt: new Date(Date.now() - 25 * HOUR) },
    });
    const reused = await send("Jackson High", "reused-1");
    expect(reused.errors).toBeUndefined();
    expect(await count("Jackson High")).toBe(1);
  });

  it("prunes records older than the retention period (24 h) and keeps younger ones", async () => {
    const old = await deadClaim("old-1", "Old School", 25 * HOUR);
    const young = await deadClaim("young-1", "Young School", 23 * HOUR);
    await send("Polk Prep", "prune-trigger");
    expect(await records().findUnique({ where: { id: old.id } })).toBeNull();
    expect(await records().findUnique({ where: { id: young.id } })).not.toBeNull();
  });
});
