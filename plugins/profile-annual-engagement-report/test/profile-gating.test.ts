import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import profile from "../src/index.ts";

const COORDINATOR = `{ engagementCoordinator { current { member { name } } history { startsOn } } }`;
const CATEGORIES = `{ strategyCategories { key label } }`;
const CREATE = `mutation ($input: CreateStrategyInput!) { createStrategy(input: $input) { strategy { category } } }`;

describe("what the annual-engagement-report profile adds", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ profiles: [profile] });
  });
  afterAll(() => t.close());

  it("answers for an agency that enabled it (lakeview)", async () => {
    const response = await t.graphql(COORDINATOR, { token: await t.tokenFor("lakeview", "MEMBER") });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({ engagementCoordinator: { history: expect.any(Array) } });
  });

  it("is refused with a clear FORBIDDEN to an agency that did not (metro), and writes nothing", async () => {
    const chief = await t.tokenFor("metro", "CHIEF");
    const read = await t.graphql(COORDINATOR, { token: chief });
    expect(read.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(read.errors?.[0]?.message).toBe(
      'This needs the "annual-engagement-report" policy profile, which your agency has not enabled.',
    );
    const me = await t.graphql<{ viewer: { member: { id: string } } }>(`{ viewer { member { id } } }`, { token: chief });
    const write = await t.graphql(
      `mutation ($memberId: ID!) { designateCoordinator(input: { memberId: $memberId, startsOn: "2026-01-01" }) { designation { startsOn } } }`,
      { token: chief, variables: { memberId: me.data!.viewer.member.id } },
    );
    expect(write.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const reason = await t.graphql(
      `mutation { recordStrategyAreaReason(input: { categoryKey: "ce-a-youth-programs", year: 2026, reason: "x" }) { strategyAreaReason { year } } }`,
      { token: chief },
    );
    expect(reason.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const metro = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
    expect(await t.database.prisma.coordinatorDesignation.count({ where: { agencyId: metro.id } })).toBe(0);
    expect(await t.database.prisma.strategyAreaReason.count({ where: { agencyId: metro.id } })).toBe(0);
  });

  it("adds the policy's areas a-i to the strategy categories of an agency that enabled it, and accepts them", async () => {
    const lakeview = await t.tokenFor("lakeview", "COORDINATOR");
    const categories = await t.graphql<{ strategyCategories: { key: string; label: string }[] }>(CATEGORIES, { token: lakeview });
    const keys = categories.data!.strategyCategories.map((term) => term.key);
    expect(keys).toContain("youth-programs");
    expect(keys.filter((key) => key.startsWith("ce-"))).toEqual([
      "ce-a-youth-programs",
      "ce-b-citizens-police-academy",
      "ce-c-educating-on-policy",
      "ce-d-understanding-the-community",
      "ce-e-sharing-information",
      "ce-f-joint-areas-of-concern",
      "ce-g-communicating-changes",
      "ce-h-community-meetings",
      "ce-i-encounter-transparency",
    ]);
    const created = await t.graphql(CREATE, {
      token: lakeview,
      variables: { input: { title: "Know your rights nights", category: "ce-c-educating-on-policy" } },
    });
    expect(created.data).toEqual({ createStrategy: { strategy: { category: "ce-c-educating-on-policy" } } });
  });

  it("keeps the areas out of an agency that did not enable it", async () => {
    const metro = await t.tokenFor("metro", "COORDINATOR");
    const categories = await t.graphql<{ strategyCategories: { key: string }[] }>(CATEGORIES, { token: metro });
    expect(categories.data!.strategyCategories.some((term) => term.key.startsWith("ce-"))).toBe(false);
    const created = await t.graphql(CREATE, {
      token: metro,
      variables: { input: { title: "Know your rights nights", category: "ce-c-educating-on-policy" } },
    });
    expect(created.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(created.errors?.[0]?.message).toMatch(/^input\.category: must be one of /);
  });
});
