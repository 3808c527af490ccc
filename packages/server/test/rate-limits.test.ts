import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SUBMIT = `mutation ($text: String!) { submitFeedback(input: { agencySlug: "metro", text: $text }) { referenceId } }`;
const TWICE = `mutation { a: submitFeedback(input: { agencySlug: "metro", text: "one" }) { referenceId } b: submitFeedback(input: { agencySlug: "metro", text: "two" }) { referenceId } }`;

describe("rate limits (QA-15)", () => {
  let t: TestApp;
  const from = (address: string) => ({ "x-forwarded-for": `198.51.100.99, ${address}` });
  const feedbackCount = () => t.database.prisma.feedback.count();

  beforeAll(async () => {
    t = await createTestApp({
      security: {
        trustedProxies: 1,
        operationRateLimits: { submitFeedback: { capacity: 3, perMinute: 1 } },
        failedAuthLimit: { capacity: 2, perMinute: 1 },
      },
    });
  });
  afterAll(() => t.close());

  it("counts public feedback per operation, not per HTTP request, and answers RATE_LIMITED with retryAfter", async () => {
    const before = await feedbackCount();
    const one = await t.graphql(SUBMIT, { variables: { text: "Streetlight out on 5th" }, headers: from("203.0.113.1") });
    expect(one.errors).toBeUndefined();
    const two = await t.graphql(TWICE, { headers: from("203.0.113.1") });
    expect(two.errors).toBeUndefined();
    const refused = await t.graphql(SUBMIT, { variables: { text: "fourth" }, headers: from("203.0.113.1") });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "RATE_LIMITED" } });
    expect(refused.errors?.[0]?.message).toMatch(/^submitFeedback: too many requests/);
    expect(refused.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(await feedbackCount()).toBe(before + 3);
  });

  it("refuses a whole operation that would go over, writing nothing", async () => {
    await t.graphql(SUBMIT, { variables: { text: "a" }, headers: from("203.0.113.2") });
    await t.graphql(SUBMIT, { variables: { text: "b" }, headers: from("203.0.113.2") });
    const before = await feedbackCount();
    const response = await t.graphql(TWICE, { headers: from("203.0.113.2") });
    expect(response.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(await feedbackCount()).toBe(before);
  });

  it("keeps each address to its own allowance, using the hop the trusted proxy saw", async () => {
    // The client-written first hop differs each time; only the proxy's entry counts.
    const response = await t.graphql(SUBMIT, {
      variables: { text: "from a neighbour" },
      headers: { "x-forwarded-for": "203.0.113.1, 203.0.113.3" },
    });
    expect(response.errors).toBeUndefined();
    const spoofed = await t.graphql(SUBMIT, {
      variables: { text: "spoofed first hop" },
      headers: { "x-forwarded-for": "10.9.9.9, 203.0.113.1" },
    });
    expect(spoofed.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("limits failed token use per address, then refuses even a valid token from it until the allowance returns", async () => {
    const good = await t.tokenFor("metro", "CHIEF");
    for (let i = 0; i < 2; i++) {
      const bad = await t.graphql("{ viewer { roles } }", { token: "not-a-token", headers: from("203.0.113.9") });
      expect(bad.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const blocked = await t.graphql("{ viewer { roles } }", { token: good, headers: from("203.0.113.9") });
    expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: "RATE_LIMITED" } });
    expect(blocked.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    const elsewhere = await t.graphql("{ viewer { roles } }", { token: good, headers: from("203.0.113.10") });
    expect(elsewhere.errors).toBeUndefined();
    const anonymous = await t.graphql("{ __typename }", { headers: from("203.0.113.9") });
    expect(anonymous.errors).toBeUndefined();
  });
});
