import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.member-participation (CPP-08)", () => {
  let town: Rivertown;
  beforeAll(async () => {
    town = await createRivertown({ participationLookbackMonths: 6 });
  });
  afterAll(() => town.close());

  it("flags station members who took part in no community activity lately", async () => {
    const messages = (await town.findings("patrol-cpp.member-participation")).map((finding) => finding.message).sort();
    expect(messages).toEqual([
      "Cmdr. Ada North (North Station) took part in no community activity in the last 6 months.",
      "Deputy Bo (North Station) took part in no community activity in the last 6 months.",
    ]);
  });

  it("clears a member once they take part in a meeting", async () => {
    const meeting = await town.prisma.activity.create({
      data: {
        agencyId: town.agencyId,
        kind: "COMMUNITY_MEETING",
        title: "Coffee with a deputy",
        startsAt: new Date(Date.now() - 86_400_000),
        unitId: town.north,
      },
    });
    await town.prisma.activityParticipant.create({
      data: { agencyId: town.agencyId, activityId: meeting.id, memberId: town.deputy },
    });
    const messages = (await town.findings("patrol-cpp.member-participation")).map((finding) => finding.message);
    expect(messages).toEqual(["Cmdr. Ada North (North Station) took part in no community activity in the last 6 months."]);
  });
});
