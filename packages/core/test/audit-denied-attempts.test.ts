import { randomUUID } from "node:crypto";
import { definePolicyProfile, type TenantDb } from "@roundtable/core";
import { createTestApp, postgresAvailable, type TestApp, type TestDatabaseKind } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { verifyAuditChain } from "../src/audit/verify-audit-chain.ts";

// AU-01/AU-02: every refused attempt of a signed-in member is in the audit trail, with
// who, what, when, where from, the outcome and the request id; nothing else is written.

/** A profile no demo agency enabled, adding a field that is refused as FORBIDDEN but not sensitive. */
const digestProfile = definePolicyProfile({
  id: "digest",
  version: "0.1.0",
  title: "Digest",
  settings: z.object({}),
  rules: [],
  schema: (builder) => {
    builder.queryField("digestNote", (t) =>
      t.string({ authScopes: { profile: "digest" }, nullable: true, resolve: () => "a note" }),
    );
  },
});

const CREATE_STAKEHOLDER = `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { id } } }`;
const CREATE_PLAN = `mutation ($unitId: ID!) { createPlan(input: { unitId: $unitId, title: "Harbor plan" }) { plan { id } } }`;
const SOURCE = "203.0.113.7";

const databases: TestDatabaseKind[] = postgresAvailable ? ["embedded", "postgres"] : ["embedded"];

describe.each(databases)("denied attempts in the audit trail (%s)", (database) => {
  let t: TestApp;
  let metroId: string;
  let db: () => TenantDb;
  const memberIdOf = async (email: string) => (await db().member.findFirstOrThrow({ where: { email } })).id;
  const rowsSince = async (seq: number) => db().auditEvent.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: "asc" } });
  const head = async () =>
    (await db().auditEvent.findFirst({ where: { seq: { not: null } }, orderBy: { seq: "desc" } }))?.seq ?? 0;
  /** A request as a client behind our one trusted proxy sends it, with its own request id. */
  const send = (query: string, token: string | undefined, variables: Record<string, unknown>, requestId: string) =>
    t.graphql(query, { token, variables, headers: { "x-request-id": requestId, "x-forwarded-for": SOURCE } });

  beforeAll(async () => {
    t = await createTestApp({ database, profiles: [digestProfile], security: { trustedProxies: 1 } });
    metroId = (await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } })).id;
    const metro = await t.agencyDb("metro");
    db = () => metro;
  });
  afterAll(() => t?.close());

  it("records a mutation refused by its auth scopes as DENIED: who, roles, what, when, where from, request id", async () => {
    const before = await head();
    const startedAt = Date.now();
    const refused = await send(CREATE_STAKEHOLDER, await t.tokenFor("metro", "MEMBER"), { name: "Not mine" }, "denied-1");
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const rows = await rowsSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: "DENIED",
      action: "Mutation.createStakeholder",
      entityType: "Mutation",
      entityId: null,
      actorMemberId: await memberIdOf("member@metro.example"),
      actorRoles: ["MEMBER"],
      requestId: "denied-1",
      source: SOURCE,
      after: { reason: refused.errors?.[0]?.message },
    });
    expect(rows[0]!.at.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(await db().stakeholder.count({ where: { name: "Not mine" } })).toBe(0);
  });

  it("records a mutation refused by a domain rule, naming its target, and writes nothing else", async () => {
    const harbor = await t.unitId("metro", "Harbor Station");
    const plansBefore = await db().plan.count();
    const before = await head();
    const refused = await send(CREATE_PLAN, await t.tokenFor("metro", "UNIT_COMMANDER"), { unitId: harbor }, "denied-2");
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/commander/);

    const rows = await rowsSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: "DENIED",
      action: "Mutation.createPlan",
      entityType: "OrgUnit",
      entityId: Buffer.from(harbor, "base64").toString().split(":")[1],
      actorMemberId: await memberIdOf("unit_commander@metro.example"),
      actorRoles: ["UNIT_COMMANDER"],
      requestId: "denied-2",
    });
    expect(await db().plan.count()).toBe(plansBefore);
  });

  it("still writes exactly one SUCCESS row for a mutation that succeeds", async () => {
    const before = await head();
    const created = await send(CREATE_STAKEHOLDER, await t.tokenFor("metro", "COORDINATOR"), { name: "Mine" }, "ok-1");
    expect(created.errors).toBeUndefined();
    const rows = await rowsSince(before);
    expect(rows.map((row) => [row.outcome, row.action, row.requestId])).toEqual([["SUCCESS", "stakeholder.create", "ok-1"]]);
  });

  it("does not audit anonymous refusals: no actor or agency can be named (they are rate-limited and logged)", async () => {
    const before = await head();
    const unsigned = await send(CREATE_STAKEHOLDER, undefined, { name: "Anonymous" }, "anon-1");
    expect(unsigned.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const wrongCode = await send(
      `mutation ($id: ID!) { checkInToActivity(input: { activityId: $id, agencySlug: "metro", code: "WRONG1" }) { attendance } }`,
      undefined,
      { id: Buffer.from(`Activity:${randomUUID()}`).toString("base64") },
      "anon-2",
    );
    expect(wrongCode.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await rowsSince(before)).toEqual([]);
  });

  it("audits a refused read of personal data once per field and request, however many items were refused", async () => {
    for (const contact of ["a@example.org", "b@example.org"]) {
      const submitted = await t.graphql(
        `mutation ($contact: String!) { submitFeedback(input: { agencySlug: "metro", text: "Dark corner by the park", name: "Sam", contact: $contact }) { received } }`,
        { variables: { contact } },
      );
      expect(submitted.errors).toBeUndefined();
    }
    const before = await head();
    const read = await send(
      `{ feedback(first: 10) { edges { node { id text submitterContact } } } }`,
      await t.tokenFor("metro", "MEMBER"),
      {},
      "read-1",
    );
    const refusals = (read.errors ?? []).filter((error) => error.extensions?.code === "FORBIDDEN");
    expect(refusals.length).toBeGreaterThanOrEqual(2);

    const rows = await rowsSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: "DENIED",
      action: "Feedback.submitterContact",
      entityType: "Feedback",
      actorRoles: ["MEMBER"],
      requestId: "read-1",
      source: SOURCE,
    });
    const feedbackIds = (await db().feedback.findMany({ select: { id: true } })).map((row) => row.id);
    expect(feedbackIds).toContain(rows[0]!.entityId);
  });

  it("audits a refused read of someone else's training records, naming whose", async () => {
    const chiefId = await memberIdOf("chief@metro.example");
    const before = await head();
    const read = await send(
      `query ($id: ID!) { trainingRecords(first: 5, filter: { memberId: $id }) { edges { node { id } } } }`,
      await t.tokenFor("metro", "MEMBER"),
      { id: Buffer.from(`Member:${chiefId}`).toString("base64") },
      "read-2",
    );
    expect(read.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const rows = await rowsSince(before);
    expect(rows.map((row) => [row.outcome, row.action, row.entityType, row.entityId])).toEqual([
      ["DENIED", "Query.trainingRecords", "Member", chiefId],
    ]);
  });

  it("does not audit refused reads of fields that hold nothing sensitive", async () => {
    const before = await head();
    const read = await send(`{ digestNote }`, await t.tokenFor("metro", "CHIEF"), {}, "read-3");
    expect(read.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await rowsSince(before)).toEqual([]);
  });

  it("keeps refusals in the agency's hash chain: it verifies, with no gap", async () => {
    const report = await verifyAuditChain(t.database.prisma, metroId);
    expect(report).toMatchObject({ ok: true });
    expect(report.checked).toBe(await db().auditEvent.count({ where: { seq: { not: null } } }));
  });

  it("stores audit times to the millisecond (AU-8 asks for hundredths of a second)", async () => {
    const [column] = await t.database.sql.query<{ datetime_precision: number }>(
      `SELECT datetime_precision FROM information_schema.columns WHERE table_name = 'AuditEvent' AND column_name = 'at'`,
    );
    expect(column?.datetime_precision).toBe(3);
  });
});
