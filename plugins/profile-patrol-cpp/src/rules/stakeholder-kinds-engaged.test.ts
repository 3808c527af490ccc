import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.stakeholder-kinds-engaged (CPP-02)", () => {
  let town: Rivertown;
  beforeAll(async () => {
    town = await createRivertown({ expectedStakeholderKinds: ["CHURCH", "MOSQUE", "SCHOOL"] });
  });
  afterAll(() => town.close());

  it("names the kinds of stakeholders each station engaged in no activity lately", async () => {
    const church = await town.prisma.stakeholder.create({
      data: { agencyId: town.agencyId, name: "St. Mark's", kind: "CHURCH" },
    });
    const meeting = await town.prisma.activity.create({
      data: {
        agencyId: town.agencyId,
        kind: "COMMUNITY_MEETING",
        title: "Faith leaders breakfast",
        startsAt: new Date(Date.now() - 86_400_000),
        unitId: town.north,
      },
    });
    await town.prisma.activityStakeholder.create({
      data: { agencyId: town.agencyId, activityId: meeting.id, stakeholderId: church.id },
    });
    const messages = (await town.findings("patrol-cpp.stakeholder-kinds-engaged")).map((finding) => finding.message).sort();
    expect(messages).toEqual([
      "North Station engaged no mosque, school in the last 6 months.",
      "South Station engaged no church, mosque, school in the last 6 months.",
    ]);
  });
});
