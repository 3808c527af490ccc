import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.distrustful-outreach (CPP-07)", () => {
  let town: Rivertown;
  let stakeholderId: string;
  beforeAll(async () => {
    town = await createRivertown();
    stakeholderId = (
      await town.prisma.stakeholder.create({
        data: {
          agencyId: town.agencyId,
          name: "Riverside Tenants Union",
          kind: "ISSUE_ADVOCACY_GROUP",
          outreachStatus: "DISTRUSTFUL",
          areaId: town.north,
        },
      })
    ).id;
    await town.prisma.stakeholder.create({
      data: { agencyId: town.agencyId, name: "North Rotary", kind: "FRATERNAL_ORGANIZATION", areaId: town.north },
    });
  });
  afterAll(() => town.close());

  it("points out a distrustful community nobody reached out to lately (INFO: the policy encourages it)", async () => {
    expect(await town.findings("patrol-cpp.distrustful-outreach")).toEqual([
      {
        ruleId: "patrol-cpp.distrustful-outreach",
        severity: "INFO",
        subjectType: "Stakeholder",
        message: "Riverside Tenants Union is marked distrustful of law enforcement and had no contact in 6 months.",
      },
    ]);
  });

  it("clears after an outreach activity with them", async () => {
    const outreach = await town.prisma.activity.create({
      data: {
        agencyId: town.agencyId,
        kind: "OUTREACH",
        title: "Listening session",
        startsAt: new Date(Date.now() - 3_600_000),
        unitId: town.north,
      },
    });
    await town.prisma.activityStakeholder.create({ data: { agencyId: town.agencyId, activityId: outreach.id, stakeholderId } });
    expect(await town.findings("patrol-cpp.distrustful-outreach")).toEqual([]);
  });
});
