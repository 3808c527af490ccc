import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Collected, liveClient, until } from "./support/live-clients.ts";

// SU-07: graphql-ws takes queries and mutations as well as subscriptions, and HTTP-only
// plugins never see its messages. Every guard the HTTP tests prove (query-limits.test.ts,
// http-surface.test.ts, rate-limits.test.ts) must hold for the same operation sent as a
// `subscribe` message over a real WebSocket to a production-mode server.

const SUBMIT = `mutation ($text: String!) { submitFeedback(input: { agencySlug: "metro", text: $text }) { referenceId } }`;

describe("the same guards on graphql-ws as on HTTP, production mode (SU-07)", () => {
  let t: TestApp;
  let chief: ReturnType<typeof liveClient>;
  let anonymous: ReturnType<typeof liveClient>;

  /** Sends one operation over the socket and waits for its result (or refusal). */
  async function overSocket(client: ReturnType<typeof liveClient>, query: string, variables?: Record<string, unknown>) {
    const collected: Collected = client.subscribe(query, variables);
    await until(() => collected.completed, 10_000, "the operation's end");
    return collected;
  }
  const refusalText = (collected: Collected) => collected.errors.map((error) => error.message).join(" | ");

  beforeAll(async () => {
    t = await createTestApp({
      production: true,
      listen: true,
      security: { operationRateLimits: { submitFeedback: { capacity: 2, perMinute: 1 } } },
    });
    chief = liveClient(t.wsUrl!, await t.tokenFor("metro", "CHIEF"));
    anonymous = liveClient(t.wsUrl!);
  });
  afterAll(async () => {
    chief?.close();
    anonymous?.close();
    await t?.close();
  });

  it("answers an ordinary query over the socket, as over HTTP", async () => {
    const answer = await overSocket(chief, "{ viewer { roles } }");
    expect(answer.errors).toEqual([]);
    expect(answer.data).toEqual([{ viewer: { roles: ["CHIEF"] } }]);
  });

  it("refuses introspection and gives no field suggestions (QA-01, QA-03)", async () => {
    const schema = await overSocket(chief, "{ __schema { types { name } } }");
    expect(schema.data).toEqual([]);
    expect(refusalText(schema)).toMatch(/introspection/i);
    const type = await overSocket(chief, '{ __type(name: "Feedback") { fields { name } } }');
    expect(type.data).toEqual([]);
    const misspelt = await overSocket(chief, "{ viewer { rols } }");
    expect(misspelt.data).toEqual([]);
    expect(misspelt.errors.length).toBeGreaterThan(0);
    expect(refusalText(misspelt)).not.toMatch(/Did you mean/);
  });

  it("refuses depth, aliases, directives and tokens over the limits, naming none of them (QA-04, 05, 07, 08)", async () => {
    const abuses = [
      `{ viewer { member { ${"unit { parent { ".repeat(8)}id${" } }".repeat(8)} } } }`,
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { roles }`).join(" ")} }`,
      `{ __typename ${"@include(if: true) ".repeat(21)} }`,
      `{ ${"__typename ".repeat(1001)} }`,
    ];
    for (const query of abuses) {
      const refused = await overSocket(chief, query);
      expect(refused.data, query.slice(0, 40)).toEqual([]);
      expect(refusalText(refused)).toMatch(/Query validation error/);
      expect(refusalText(refused)).not.toMatch(/limit of|17|15|20|1000/);
    }
  });

  it("refuses a page size over 100, naming the argument (QA-12)", async () => {
    const refused = await overSocket(chief, "query ($n: Int) { stakeholders(first: $n) { totalCount } }", { n: 101 });
    expect(refused.data).toEqual([]);
    expect(refused.errors[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(refused.errors[0]?.message).toMatch(/^stakeholders\.first: must be at most 100 \(got 101\)/);
  });

  it("counts mutations over the socket against the same per-address rate limits, writing nothing when refused (QA-15)", async () => {
    const before = await t.database.prisma.feedback.count();
    for (const text of ["Streetlight out on 5th", "Crosswalk paint faded"]) {
      const accepted = await overSocket(anonymous, SUBMIT, { text });
      expect(accepted.errors).toEqual([]);
    }
    const refused = await overSocket(anonymous, SUBMIT, { text: "third from the same address" });
    expect(refused.errors[0]).toMatchObject({ extensions: { code: "RATE_LIMITED" } });
    expect(await t.database.prisma.feedback.count()).toBe(before + 2);
  });
});
