import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// What the schema fuzzer (fuzz.test.ts) found, pinned as plain cases: each of these answered
// "Unexpected error." (a database or ORM failure behind the mask) before it was fixed.

describe("inputs and selections the fuzzer found failing", () => {
  let t: TestApp;
  let chief: string;

  beforeAll(async () => {
    t = await createTestApp({ production: true });
    chief = await t.tokenFor("metro", "CHIEF");
  });
  afterAll(() => t.close());

  it("counts a member's, a stakeholder's and a priority's linked rows when the page asks for nothing else", async () => {
    const answer = await t.graphql<{
      viewer: { member: { participations: { totalCount: number } } };
      stakeholders: { edges: { node: { engagementHistory: { totalCount: number; pageInfo: { hasNextPage: boolean } } } }[] };
      orgUnits: { edges: { node: { priorities: { feedback: { totalCount: number } }[] } }[] };
    }>(
      `{
        viewer { member { participations(first: 5) { totalCount } } }
        stakeholders(first: 10) { edges { node { engagementHistory(last: 2) { totalCount pageInfo { hasNextPage } } } } }
        orgUnits(first: 10) { edges { node { priorities { feedback(first: 1) { totalCount } } } } }
      }`,
      { token: chief },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.viewer.member.participations.totalCount).toBeGreaterThan(0);
    const histories = answer.data?.stakeholders.edges.map((edge) => edge.node.engagementHistory.totalCount) ?? [];
    expect(Math.max(...histories)).toBeGreaterThan(0);
    const backing = answer.data?.orgUnits.edges.flatMap((edge) => edge.node.priorities.map((p) => p.feedback.totalCount)) ?? [];
    expect(Math.max(...backing)).toBeGreaterThan(0);
  });

  it("refuses a NUL character in a variable, inside JSON and in a string literal, writing nothing", async () => {
    const before = await t.database.prisma.stakeholder.count();
    const inVariable = await t.graphql(
      `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { stakeholder { id } } }`,
      { token: chief, variables: { input: { name: "Nul\u0000Club", kind: "SCHOOL" } } },
    );
    expect(inVariable.errors?.[0]).toMatchObject({
      message: "$input.name: must not contain the NUL character (U+0000)",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const inLiteral = await t.graphql(`{ stakeholders(filter: { search: "a\\u0000b" }) { totalCount } }`, { token: chief });
    expect(inLiteral.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const inJson = await t.graphql(
      `mutation ($settings: JSON!) { configurePolicyProfile(input: { profileId: "patrol-cpp", enabled: true, settings: $settings }) { id } }`,
      { token: await t.tokenFor("metro", "AGENCY_ADMIN"), variables: { settings: { note: "\u0000" } } },
    );
    expect(inJson.errors?.[0]?.message).toBe("$settings.note: must not contain the NUL character (U+0000)");
    expect(await t.database.prisma.stakeholder.count()).toBe(before);
  });

  it("refuses a DateTime PostgreSQL cannot store, or a day that does not exist, instead of rolling it over", async () => {
    const feedback = await t.graphql(`query ($from: DateTime) { feedback(filter: { from: $from }) { totalCount } }`, {
      token: chief,
      variables: { from: "0000-01-01T00:00:00Z" },
    });
    expect(feedback.errors?.[0]?.message).toMatch(/DateTime: must be an ISO 8601 date-time/);
    const activity = await t.graphql(
      `mutation ($at: DateTime!) { logActivity(input: { kind: EVENT, title: "Leap day picnic", startsAt: $at }) { activity { startsAt } } }`,
      { token: chief, variables: { at: "2026-02-30T18:00:00Z" } },
    );
    expect(activity.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await t.database.prisma.activity.count({ where: { title: "Leap day picnic" } })).toBe(0);
  });
});
