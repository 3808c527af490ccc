import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Brookfield, createBrookfield, day } from "../testing/brookfield.ts";
import { areasAddressed } from "./areas-addressed.ts";

const RULE = "annual-engagement-report.areas-addressed";
const CREATE = `mutation ($input: CreateStrategyInput!) { createStrategy(input: $input) { strategy { category } } }`;
const REASON = `mutation ($input: RecordStrategyAreaReasonInput!) {
  recordStrategyAreaReason(input: $input) { strategyAreaReason { area year reason } }
}`;

describe("annual-engagement-report.areas-addressed (CE-04a..i)", () => {
  let town: Brookfield;
  const year = new Date().getUTCFullYear();
  const letters = async () =>
    (await town.findings(RULE))
      .map((finding) => {
        expect(finding.severity).toBe("WARNING");
        return /area \((\w)\)/.exec(finding.message)?.[1];
      })
      .sort();

  beforeAll(async () => {
    town = await createBrookfield();
  });
  afterAll(() => town.close());

  it("warns about every area a-i with neither a strategy nor a recorded reason this year", async () => {
    const findings = await town.findings(RULE);
    expect(findings.length).toBe(9);
    expect(findings.map((finding) => finding.message)).toContain(
      `No active or completed strategy addresses area (b) Citizens police academy in ${year}, and no reason is recorded.`,
    );
  });

  it("stops warning about an area once an active strategy addresses it, under its own key or the core key that means the same", async () => {
    for (const category of ["ce-a-youth-programs", "citizens-academy"]) {
      const created = await town.t.graphql(CREATE, {
        token: town.coordinatorToken,
        variables: { input: { title: `In ${category}`, category } },
      });
      expect(created.errors).toBeUndefined();
    }
    expect(await letters()).toEqual(["c", "d", "e", "f", "g", "h", "i"]);
  });

  it("does not count a planned strategy, or one that ended before this year", async () => {
    await town.t.graphql(CREATE, {
      token: town.coordinatorToken,
      variables: { input: { title: "Someday", category: "ce-d-understanding-the-community", status: "PLANNED" } },
    });
    await town.t.graphql(CREATE, {
      token: town.coordinatorToken,
      variables: {
        input: {
          title: "Old",
          category: "ce-e-sharing-information",
          status: "COMPLETED",
          startsOn: "2019-01-01",
          endsOn: "2019-12-31",
        },
      },
    });
    expect(await letters()).toContain("d");
    expect(await letters()).toContain("e");
  });

  it("stops warning about an area once the coordinator records why it has no strategy", async () => {
    const response = await town.t.graphql(REASON, {
      token: town.coordinatorToken,
      variables: { input: { categoryKey: "ce-c-educating-on-policy", year, reason: "Policy briefings resume next year." } },
    });
    expect(response.data).toEqual({
      recordStrategyAreaReason: {
        strategyAreaReason: {
          area: "(c) Educating the community on police policy and procedures",
          year,
          reason: "Policy briefings resume next year.",
        },
      },
    });
    expect(await letters()).toEqual(["d", "e", "f", "g", "h", "i"]);
    const audit = await town.prisma.auditEvent.findFirst({ where: { action: "strategy-area-reason.create" } });
    expect(audit?.after).toEqual({ categoryKey: "ce-c-educating-on-policy", year });
  });

  it("refuses a reason for an unknown area or from a member who does not document strategies, writing nothing", async () => {
    const before = await town.prisma.strategyAreaReason.count();
    const unknown = await town.t.graphql(REASON, {
      token: town.coordinatorToken,
      variables: { input: { categoryKey: "youth-programs", year, reason: "  " } },
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknown.errors?.[0]?.message).toMatch(/categoryKey: must be one of ce-a-youth-programs, /);
    expect(unknown.errors?.[0]?.message).toMatch(/reason: must not be empty/);
    const member = await town.t.graphql(REASON, {
      token: await town.t.tokenFor("brookfield", "MEMBER", { email: "analyst@brookfield.example" }),
      variables: { input: { categoryKey: "ce-d-understanding-the-community", year, reason: "No time" } },
    });
    expect(member.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await town.prisma.strategyAreaReason.count()).toBe(before);
  });

  it("asks nothing when the agency turned the reasons off, and asks again in a new year", async () => {
    expect(await town.evaluateAt(areasAddressed, new Date(), { requireReasonForEmptyAreas: false })).toEqual([]);
    const nextYear = await town.evaluateAt(areasAddressed, day(`${year + 1}-02-01`));
    expect(nextYear.map((finding) => finding.key)).toContain(`area:ce-c-educating-on-policy:${year + 1}`);
  });
});
