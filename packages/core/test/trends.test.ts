import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TREND = `query ($key: String!, $unitId: ID!, $from: Date, $to: Date) {
  trend(indicatorKey: $key, unitId: $unitId, from: $from, to: $to) {
    indicator { key category } unit { name }
    points { periodStart periodEnd value }
    change { periodStart value previousPeriodStart previousPeriodValue percentChange yearEarlierValue yearOverYearPercentChange }
  }
}`;
const DEFINE = `mutation ($input: DefineIndicatorInput!) { defineIndicator(input: $input) { indicator { id key name category unitName } } }`;
const RECORD = `mutation ($input: RecordObservationInput!) {
  recordObservation(input: $input) { created observation { value periodStart periodEnd unit { name } indicator { key } } }
}`;

interface Point {
  periodStart: string;
  periodEnd: string;
  value: number;
}

interface TrendData {
  trend: {
    indicator: { key: string; category: string };
    unit: { name: string };
    points: Point[];
    change: {
      periodStart: string;
      value: number;
      previousPeriodStart: string | null;
      previousPeriodValue: number | null;
      percentChange: number | null;
      yearEarlierValue: number | null;
      yearOverYearPercentChange: number | null;
    } | null;
  };
}

describe("crime and quality-of-life trends", () => {
  let t: TestApp;
  let chief: string;
  let commander: string;
  const units = new Map<string, string>();
  let lakeviewUnitId: string;

  const unitIdsOf = async (token: string) => {
    const response = await t.graphql<{ agency: { orgUnits: { edges: { node: { id: string; name: string } }[] } } }>(
      "{ agency { orgUnits(first: 50) { edges { node { id name } } } } }",
      { token },
    );
    return new Map(response.data!.agency.orgUnits.edges.map((edge) => [edge.node.name, edge.node.id]));
  };
  const indicatorId = async (key: string) => {
    const response = await t.graphql<{ indicators: { edges: { node: { id: string; key: string } }[] } }>(
      `{ indicators(first: 100) { edges { node { id key } } } }`,
      { token: chief },
    );
    return response.data!.indicators.edges.find((edge) => edge.node.key === key)!.node.id;
  };
  const observationCount = () => t.database.prisma.observation.count();

  beforeAll(async () => {
    t = await createTestApp();
    chief = await t.tokenFor("metro", "CHIEF");
    commander = await t.tokenFor("metro", "UNIT_COMMANDER");
    for (const [name, id] of await unitIdsOf(chief)) units.set(name, id);
    lakeviewUnitId = (await unitIdsOf(await t.tokenFor("lakeview", "CHIEF"))).get("Patrol Bureau")!;
  });
  afterAll(() => t.close());

  it("lists the agency's indicators with totalCount, filtered by category", async () => {
    const all = await t.graphql<{ indicators: { totalCount: number; edges: { node: { key: string } }[] } }>(
      `{ indicators { totalCount edges { node { key } } } }`,
      { token: await t.tokenFor("metro", "MEMBER") },
    );
    expect(all.data!.indicators.totalCount).toBe(3);
    expect(all.data!.indicators.edges.map((edge) => edge.node.key)).toEqual(["burglary", "graffiti-reports", "vehicle-theft"]);
    const qualityOfLife = await t.graphql<{ indicators: { totalCount: number; edges: { node: { key: string } }[] } }>(
      `{ indicators(filter: { category: QUALITY_OF_LIFE }) { totalCount edges { node { key } } } }`,
      { token: chief },
    );
    expect(qualityOfLife.data!.indicators).toEqual({ totalCount: 1, edges: [{ node: { key: "graffiti-reports" } }] });
    const lakeview = await t.graphql<TrendData>(TREND, {
      token: await t.tokenFor("lakeview", "CHIEF"),
      variables: { key: "vehicle-theft", unitId: lakeviewUnitId },
    });
    expect(lakeview.data!.trend.points).toHaveLength(24);
  });

  it("answers a station's trend oldest period first, with the latest change against the month before and a year before", async () => {
    const response = await t.graphql<TrendData>(TREND, {
      token: commander,
      variables: { key: "burglary", unitId: units.get("Harbor Station") },
    });
    expect(response.errors).toBeUndefined();
    const { trend } = response.data!;
    expect(trend.indicator).toEqual({ key: "burglary", category: "CRIME" });
    expect(trend.unit.name).toBe("Harbor Station");
    expect(trend.points).toHaveLength(24);
    expect(trend.points[0]).toMatchObject({ periodStart: "2024-11-01", periodEnd: "2024-11-30" });
    expect(trend.points.at(-1)).toMatchObject({ periodStart: "2026-10-01", periodEnd: "2026-10-31" });
    const starts = trend.points.map((point) => point.periodStart);
    expect(starts).toEqual([...starts].sort());

    const [previous, latest] = trend.points.slice(-2) as [Point, Point];
    const yearBefore = trend.points.find((point) => point.periodStart === "2025-10-01")!;
    expect(trend.change).toEqual({
      periodStart: "2026-10-01",
      value: latest.value,
      previousPeriodStart: "2026-09-01",
      previousPeriodValue: previous.value,
      percentChange: Math.round(((latest.value - previous.value) / previous.value) * 1000) / 10,
      yearEarlierValue: yearBefore.value,
      yearOverYearPercentChange: Math.round(((latest.value - yearBefore.value) / yearBefore.value) * 1000) / 10,
    });
  });

  it("narrows the trend to a window but still compares its last period with the one before the window", async () => {
    const response = await t.graphql<TrendData>(TREND, {
      token: chief,
      variables: { key: "graffiti-reports", unitId: units.get("Valley Station"), from: "2026-03-01", to: "2026-03-31" },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.trend.points.map((point) => point.periodStart)).toEqual(["2026-03-01"]);
    expect(response.data!.trend.change).toMatchObject({ periodStart: "2026-03-01", previousPeriodStart: "2026-02-01" });
    expect(response.data!.trend.change!.previousPeriodValue).toEqual(expect.any(Number));

    const empty = await t.graphql<TrendData>(TREND, {
      token: chief,
      variables: { key: "graffiti-reports", unitId: units.get("Valley Station"), from: "2030-01-01" },
    });
    expect(empty.data!.trend).toMatchObject({ points: [], change: null });
  });

  it("names the argument when the indicator, the unit or the window is wrong", async () => {
    const unknown = await t.graphql(TREND, { token: chief, variables: { key: "arson", unitId: units.get("Eastside Station") } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(unknown.errors?.[0]?.message).toMatch(/^indicatorKey: /);

    const otherAgency = await t.graphql(TREND, { token: chief, variables: { key: "burglary", unitId: lakeviewUnitId } });
    expect(otherAgency.errors?.[0]).toMatchObject({ message: "unitId: no such record", extensions: { code: "NOT_FOUND" } });

    const wrongType = await t.graphql(TREND, {
      token: chief,
      variables: { key: "burglary", unitId: await indicatorId("burglary") },
    });
    expect(wrongType.errors?.[0]).toMatchObject({
      message: "unitId: must be the ID of a OrgUnit",
      extensions: { code: "BAD_USER_INPUT" },
    });

    const backwards = await t.graphql(TREND, {
      token: chief,
      variables: { key: "burglary", unitId: units.get("Eastside Station"), from: "2026-05-01", to: "2026-01-01" },
    });
    expect(backwards.errors?.[0]).toMatchObject({
      message: "to: must not be before from",
      extensions: { code: "BAD_USER_INPUT" },
    });

    const notADay = await t.graphql(TREND, {
      token: chief,
      variables: { key: "burglary", unitId: units.get("Eastside Station"), from: "2026-02-30" },
    });
    expect(notADay.errors?.[0]?.message).toMatch(/must be a day written YYYY-MM-DD/);
  });

  it("keeps trends from the public", async () => {
    const response = await t.graphql(TREND, { variables: { key: "burglary", unitId: units.get("Eastside Station") } });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets the coordinator define an indicator, audits it, and refuses a taken key with CONFLICT", async () => {
    const coordinator = await t.tokenFor("metro", "COORDINATOR");
    const input = { key: "noise-complaints", name: "Noise complaints", category: "QUALITY_OF_LIFE" };
    const defined = await t.graphql(DEFINE, { token: coordinator, variables: { input } });
    expect(defined.data).toMatchObject({ defineIndicator: { indicator: { ...input, unitName: "count" } } });
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "indicator.define" } });
    expect(audit).toMatchObject({ entityType: "Indicator", after: { key: "noise-complaints" } });

    const again = await t.graphql(DEFINE, { token: coordinator, variables: { input: { ...input, name: "Noise" } } });
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(again.errors?.[0]?.message).toMatch(/^input\.key: /);
    expect(await t.database.prisma.indicator.count({ where: { key: "noise-complaints" } })).toBe(1);
  });

  it("names every bad field of a new indicator and refuses a plain member", async () => {
    const before = await t.database.prisma.indicator.count();
    const bad = await t.graphql(DEFINE, {
      token: chief,
      variables: { input: { key: "Car Theft!", name: " ", category: "CRIME" } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toMatch(/key: must be lowercase letters, digits and dashes/);
    expect(bad.errors?.[0]?.message).toMatch(/name: must not be empty/);
    const unknownCategory = await t.graphql(DEFINE, {
      token: chief,
      variables: { input: { key: "x", name: "X", category: "TRAFFIC" } },
    });
    expect(unknownCategory.errors?.[0]?.message).toMatch(/IndicatorCategory/);
    const member = await t.graphql(DEFINE, {
      token: await t.tokenFor("metro", "MEMBER"),
      variables: { input: { key: "x", name: "X", category: "CRIME" } },
    });
    expect(member.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await t.database.prisma.indicator.count()).toBe(before);
  });

  it("lets a commander record their station's figure, replacing it when recorded again, and audits both", async () => {
    const input = {
      indicatorId: await indicatorId("vehicle-theft"),
      unitId: units.get("Eastside Station"),
      periodStart: "2026-11-01",
      periodEnd: "2026-11-30",
      value: 17,
    };
    const before = await observationCount();
    const first = await t.graphql(RECORD, { token: commander, variables: { input } });
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({
      recordObservation: {
        created: true,
        observation: { value: 17, periodStart: "2026-11-01", unit: { name: "Eastside Station" } },
      },
    });
    const second = await t.graphql(RECORD, { token: commander, variables: { input: { ...input, value: 19 } } });
    expect(second.data).toMatchObject({ recordObservation: { created: false, observation: { value: 19 } } });
    expect(await observationCount()).toBe(before + 1);
    const audits = await t.database.prisma.auditEvent.findMany({
      where: { action: "observation.record" },
      orderBy: { at: "asc" },
    });
    expect(audits.map((audit) => audit.before)).toEqual([null, { value: 17 }]);
  });

  it("refuses a commander recording another station's figure, and answers another agency's unit like a missing one", async () => {
    const base = {
      indicatorId: await indicatorId("burglary"),
      periodStart: "2026-11-01",
      periodEnd: "2026-11-30",
      value: 3,
    };
    const before = await observationCount();
    const harbor = await t.graphql(RECORD, {
      token: commander,
      variables: { input: { ...base, unitId: units.get("Harbor Station") } },
    });
    expect(harbor.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const lakeview = await t.graphql(RECORD, { token: chief, variables: { input: { ...base, unitId: lakeviewUnitId } } });
    expect(lakeview.errors?.[0]).toMatchObject({ message: "input.unitId: no such record", extensions: { code: "NOT_FOUND" } });
    expect(await observationCount()).toBe(before);
  });

  it("names a negative value and a period that ends before it starts, writing nothing", async () => {
    const before = await observationCount();
    const response = await t.graphql(RECORD, {
      token: chief,
      variables: {
        input: {
          indicatorId: await indicatorId("burglary"),
          unitId: units.get("Valley Station"),
          periodStart: "2026-11-01",
          periodEnd: "2026-10-31",
          value: -4,
        },
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/value: must not be negative/);
    expect(response.errors?.[0]?.message).toMatch(/periodEnd: must not be before periodStart/);
    expect(await observationCount()).toBe(before);
  });
});
