import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, day, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.plan-revision-due (CPP-13)", () => {
  let town: Rivertown;
  let planId: string;
  beforeAll(async () => {
    town = await createRivertown({ updateIntervalMonths: 6 });
    const plan = await town.prisma.plan.create({
      data: {
        agencyId: town.agencyId,
        unitId: town.north,
        title: "North CPP",
        ownerId: town.commander,
        createdAt: day("2024-01-15"),
      },
    });
    planId = plan.id;
    await town.prisma.planRevision.create({
      data: {
        agencyId: town.agencyId,
        planId,
        periodStart: day("2024-01-01"),
        periodEnd: day("2024-06-30"),
        status: "SUBMITTED",
        submittedAt: day("2024-07-10"),
      },
    });
  });
  afterAll(() => town.close());

  it("flags a station whose plan revision is overdue, naming the due date", async () => {
    const [finding, ...rest] = await town.findings("patrol-cpp.plan-revision-due");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "VIOLATION", subjectType: "Plan" });
    expect(finding?.message).toBe("North Station's plan update was due on 2025-01-10; the last one was submitted on 2024-07-10.");
  });

  it("resolves once a revision is submitted within the interval", async () => {
    const periodStart = new Date(Date.UTC(new Date().getUTCFullYear(), 0, 1));
    await town.prisma.planRevision.create({
      data: {
        agencyId: town.agencyId,
        planId,
        periodStart,
        periodEnd: day(`${periodStart.getUTCFullYear()}-06-30`),
        status: "SUBMITTED",
        submittedAt: new Date(),
      },
    });
    expect(await town.findings("patrol-cpp.plan-revision-due")).toEqual([]);
  });

  it("refuses an interval of zero months, naming the setting", async () => {
    const configured = await town.t.graphql(
      `mutation { configurePolicyProfile(input: { profileId: "patrol-cpp", enabled: true, settings: { updateIntervalMonths: 0 } }) { id } }`,
      { token: town.chiefToken },
    );
    expect(configured.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(configured.errors?.[0]?.message).toMatch(/input\.settings\.updateIntervalMonths/);
  });
});
