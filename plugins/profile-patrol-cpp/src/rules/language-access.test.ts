import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, day, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.language-access (CPP-04)", () => {
  let town: Rivertown;
  let requestId: string;
  beforeAll(async () => {
    town = await createRivertown();
    const meeting = await town.prisma.activity.create({
      data: {
        agencyId: town.agencyId,
        kind: "COMMUNITY_MEETING",
        title: "North town hall",
        startsAt: day("2026-03-12"),
        unitId: town.north,
      },
    });
    await town.prisma.languageRequest.create({
      data: { agencyId: town.agencyId, activityId: meeting.id, language: "es", interpreterMemberId: town.deputy },
    });
    await town.prisma.languageRequest.create({
      data: { agencyId: town.agencyId, activityId: meeting.id, language: "ko", volunteerName: "Min-jun Park" },
    });
    requestId = (
      await town.prisma.languageRequest.create({ data: { agencyId: town.agencyId, activityId: meeting.id, language: "hy" } })
    ).id;
    const privateEvent = await town.prisma.activity.create({
      data: {
        agencyId: town.agencyId,
        kind: "EVENT",
        title: "Block party (not ours)",
        startsAt: day("2026-03-14"),
        departmentSponsored: false,
      },
    });
    await town.prisma.languageRequest.create({ data: { agencyId: town.agencyId, activityId: privateEvent.id, language: "vi" } });
  });
  afterAll(() => town.close());

  it("flags a requested language nobody interpreted at a department-sponsored meeting", async () => {
    const findings = await town.findings("patrol-cpp.language-access");
    expect(findings.map((finding) => [finding.severity, finding.message])).toEqual([
      [
        "VIOLATION",
        `"North town hall" on 2026-03-12: "hy" was requested and nobody interpreted; find a member or volunteer who speaks it.`,
      ],
    ]);
  });

  it("resolves when a volunteer interpreter is recorded", async () => {
    await town.prisma.languageRequest.update({ where: { id: requestId }, data: { volunteerName: "Ani Hakobyan" } });
    expect(await town.findings("patrol-cpp.language-access")).toEqual([]);
  });
});
