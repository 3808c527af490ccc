import { definePolicyProfile } from "@roundtable/core";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

/** A profile that brings its own strategy categories, as the annual-engagement-report profile does for CE-04. */
const transparencyPledge = definePolicyProfile({
  id: "transparency-pledge",
  version: "0.1.0",
  title: "Transparency pledge",
  settings: z.object({}),
  taxonomies: { strategyCategories: [{ key: "open-data", label: "Publishing open data" }] },
  rules: [],
});

const CREATE = `mutation ($input: CreateStrategyInput!) {
  createStrategy(input: $input) { strategy { id title category goals status startsOn endsOn version owner { email } unit { name } } }
}`;
const UPDATE = `mutation ($input: UpdateStrategyInput!) { updateStrategy(input: $input) { strategy { id title status version endsOn } } }`;

type Edges<T> = { totalCount: number; edges: { node: T }[] };

describe("engagement strategies", () => {
  let t: TestApp;
  let coordinator: string;
  let eastsideId: string;
  let lakeviewUnitId: string;

  const strategyCount = () => t.database.prisma.engagementStrategy.count();

  beforeAll(async () => {
    t = await createTestApp({ profiles: [transparencyPledge] });
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    eastsideId = await t.unitId("metro", "Eastside Station");
    lakeviewUnitId = await t.unitId("lakeview");
  });
  afterAll(() => t.close());

  it("offers the strategy categories of the agency's taxonomy to every member", async () => {
    const response = await t.graphql<{ strategyCategories: { key: string; label: string }[] }>(
      "{ strategyCategories { key label } }",
      {
        token: await t.tokenFor("metro", "MEMBER"),
      },
    );
    expect(response.data!.strategyCategories).toContainEqual({ key: "youth-programs", label: "Youth programs" });
    expect(response.data!.strategyCategories).toContainEqual({ key: "citizens-academy", label: "Citizens police academy" });
    expect((await t.graphql("{ strategyCategories { key } }")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets the coordinator document a youth program, owned by them unless told otherwise, and audits it", async () => {
    const response = await t.graphql(CREATE, {
      token: coordinator,
      variables: {
        input: {
          title: "Police Activities League",
          category: "youth-programs",
          goals: ["Weekly boxing and homework club"],
          unitId: eastsideId,
          startsOn: "2026-04-01",
          endsOn: "2026-08-31",
        },
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      createStrategy: {
        strategy: {
          title: "Police Activities League",
          category: "youth-programs",
          goals: ["Weekly boxing and homework club"],
          status: "ACTIVE",
          startsOn: "2026-04-01",
          endsOn: "2026-08-31",
          version: 1,
          owner: { email: "coordinator@metro.example" },
          unit: { name: "Eastside Station" },
        },
      },
    });
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "strategy.create" } });
    expect(audit).toMatchObject({ entityType: "EngagementStrategy", outcome: "SUCCESS" });
  });

  it("names every bad field at once (empty title, end before start) and writes nothing", async () => {
    const before = await strategyCount();
    const response = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { title: "  ", category: "youth-programs", startsOn: "2026-05-01", endsOn: "2026-04-30" } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/input\.title: must not be empty/);
    expect(response.errors?.[0]?.message).toMatch(/input\.endsOn: must not be before startsOn/);
    expect(await strategyCount()).toBe(before);
  });

  it("refuses a category outside the taxonomy, naming input.category and the allowed keys", async () => {
    const before = await strategyCount();
    const response = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { title: "Coffee with a Cop", category: "coffee" } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/^input\.category: must be one of .*youth-programs.*community-meetings/);
    expect(await strategyCount()).toBe(before);
  });

  it("refuses a plain member (FORBIDDEN) and the public (UNAUTHENTICATED)", async () => {
    const input = { title: "My own program", category: "outreach" };
    const asMember = await t.graphql(CREATE, { token: await t.tokenFor("metro", "MEMBER"), variables: { input } });
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asCommander = await t.graphql(CREATE, { token: await t.tokenFor("metro", "UNIT_COMMANDER"), variables: { input } });
    expect(asCommander.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await t.graphql("{ strategies { totalCount } }")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await t.database.prisma.engagementStrategy.count({ where: { title: "My own program" } })).toBe(0);
  });

  it("answers another agency's unit like a missing one, naming the field", async () => {
    const before = await strategyCount();
    const response = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { title: "Elsewhere", category: "outreach", unitId: lakeviewUnitId } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(response.errors?.[0]?.message).toBe("input.unitId: no such record");
    expect(await strategyCount()).toBe(before);
  });

  it("refuses a stale update with CONFLICT naming the current version, overwriting nothing", async () => {
    const created = await t.graphql<{ createStrategy: { strategy: { id: string } } }>(CREATE, {
      token: coordinator,
      variables: { input: { title: "Faith leaders roundtable", category: "problem-solving-partnerships" } },
    });
    const id = created.data!.createStrategy.strategy.id;
    const first = await t.graphql(UPDATE, {
      token: await t.tokenFor("metro", "CHIEF"),
      variables: { input: { id, expectedVersion: 1, status: "PAUSED" } },
    });
    expect(first.data).toMatchObject({ updateStrategy: { strategy: { status: "PAUSED", version: 2 } } });
    const stale = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id, expectedVersion: 1, title: "Overwritten" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    const row = await t.database.prisma.engagementStrategy.findFirstOrThrow({ where: { title: "Faith leaders roundtable" } });
    expect(row.version).toBe(2);
  });

  it("refuses an update whose new end falls before the stored start", async () => {
    const created = await t.graphql<{ createStrategy: { strategy: { id: string } } }>(CREATE, {
      token: coordinator,
      variables: { input: { title: "Summer safety camp", category: "youth-programs", startsOn: "2026-06-15" } },
    });
    const id = created.data!.createStrategy.strategy.id;
    const response = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id, expectedVersion: 1, endsOn: "2026-06-01" } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toBe("input.endsOn: must not be before startsOn");
    const row = await t.database.prisma.engagementStrategy.findFirstOrThrow({ where: { title: "Summer safety camp" } });
    expect(row).toMatchObject({ version: 1, endsOn: null });
  });

  it("lists strategies by category, status and owner with totalCount, each agency only its own", async () => {
    const chief = await t.tokenFor("metro", "CHIEF");
    const chiefId = (await t.graphql<{ viewer: { member: { id: string } } }>("{ viewer { member { id } } }", { token: chief }))
      .data!.viewer.member.id;
    for (const [title, status] of [
      ["Sheriff's transparency dashboard", "ACTIVE"],
      ["Body camera town halls", "PLANNED"],
    ] as const) {
      await t.graphql(CREATE, {
        token: coordinator,
        variables: { input: { title, category: "transparency", status, ownerId: chiefId } },
      });
    }
    const owned = await t.graphql<{ strategies: Edges<{ title: string }> }>(
      `query ($ownerId: ID) { strategies(filter: { ownerId: $ownerId }) { totalCount edges { node { title } } } }`,
      { token: coordinator, variables: { ownerId: chiefId } },
    );
    expect(owned.data!.strategies).toEqual({
      totalCount: 2,
      edges: [{ node: { title: "Body camera town halls" } }, { node: { title: "Sheriff's transparency dashboard" } }],
    });
    const planned = await t.graphql<{ strategies: Edges<{ title: string }> }>(
      `{ strategies(filter: { category: "transparency", status: PLANNED }) { totalCount edges { node { title } } } }`,
      { token: await t.tokenFor("metro", "MEMBER") },
    );
    expect(planned.data!.strategies).toEqual({ totalCount: 1, edges: [{ node: { title: "Body camera town halls" } }] });
    const lakeview = await t.graphql<{ strategies: Edges<{ title: string }> }>(
      `{ strategies { totalCount edges { node { title } } } }`,
      {
        token: await t.tokenFor("lakeview", "COORDINATOR"),
      },
    );
    expect(lakeview.data!.strategies.totalCount).toBe(2);
    const latestFirst = await t.graphql<{ strategies: Edges<{ title: string }> }>(
      `{ strategies(orderBy: STARTS_ON_DESC) { edges { node { title } } } }`,
      {
        token: await t.tokenFor("lakeview", "COORDINATOR"),
      },
    );
    expect(latestFirst.data!.strategies.edges.map((edge) => edge.node.title)).toEqual([
      "Citizens Police Academy, spring 2026",
      "Friday night youth basketball",
    ]);
    expect(lakeview.data!.strategies.edges.map((edge) => edge.node.title)).not.toContain("Body camera town halls");
  });

  it("shows a strategy's activities, newest first, with totalCount", async () => {
    const response = await t.graphql<{ strategies: Edges<{ activities: Edges<{ title: string }> }> }>(
      `{ strategies(filter: { category: "community-meetings" }) { edges { node { activities(first: 10) { totalCount edges { node { title } } } } } } }`,
      { token: coordinator },
    );
    expect(response.data!.strategies.edges[0]!.node.activities).toEqual({
      totalCount: 3,
      edges: [
        { node: { title: "Valley Station town hall" } },
        { node: { title: "Eastside Station community meeting, February" } },
        { node: { title: "Harbor merchants safety meeting" } },
      ],
    });
  });

  it("accepts the categories a policy profile adds once the agency enables it", async () => {
    const input = { title: "Use-of-force data portal", category: "open-data" };
    const before = await t.graphql(CREATE, { token: coordinator, variables: { input } });
    expect(before.errors?.[0]?.message).toMatch(/^input\.category: must be one of/);
    const chief = await t.tokenFor("metro", "CHIEF");
    const enabled = await t.graphql(
      `mutation { configurePolicyProfile(input: { profileId: "transparency-pledge", enabled: true }) { enabled } }`,
      { token: chief },
    );
    expect(enabled.errors).toBeUndefined();
    const categories = await t.graphql<{ strategyCategories: { key: string }[] }>("{ strategyCategories { key } }", {
      token: coordinator,
    });
    expect(categories.data!.strategyCategories.map((term) => term.key)).toContain("open-data");
    const after = await t.graphql(CREATE, { token: coordinator, variables: { input } });
    expect(after.data).toMatchObject({ createStrategy: { strategy: { category: "open-data" } } });
    const lakeview = await t.graphql(CREATE, { token: await t.tokenFor("lakeview", "COORDINATOR"), variables: { input } });
    expect(lakeview.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
