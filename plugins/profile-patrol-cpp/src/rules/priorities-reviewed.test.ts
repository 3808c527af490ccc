import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.priorities-reviewed (CPP-18)", () => {
  let town: Rivertown;
  let priorityId: string;
  beforeAll(async () => {
    town = await createRivertown({ priorityReviewMonths: 6 });
    priorityId = (
      await town.prisma.priority.create({
        data: {
          agencyId: town.agencyId,
          unitId: town.north,
          title: "Graffiti downtown",
          rank: 1,
          updatedAt: new Date("2025-01-01T00:00:00Z"),
        },
      })
    ).id;
    await town.prisma.$executeRawUnsafe(`UPDATE "Priority" SET "updatedAt" = '2025-01-01' WHERE id = '${priorityId}'`);
    const indicator = await town.prisma.indicator.create({
      data: { agencyId: town.agencyId, key: "graffiti", name: "Graffiti reports", category: "QUALITY_OF_LIFE" },
    });
    const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1));
    await town.prisma.observation.create({
      data: {
        agencyId: town.agencyId,
        indicatorId: indicator.id,
        unitId: town.north,
        periodStart: month,
        periodEnd: month,
        value: 3,
      },
    });
  });
  afterAll(() => town.close());

  it("flags a priority not reviewed since new trend figures arrived, and clears when it is", async () => {
    expect((await town.findings("patrol-cpp.priorities-reviewed")).map((finding) => finding.message)).toEqual([
      `"Graffiti downtown" (North Station) was not reviewed in 6 months although new trend figures arrived.`,
    ]);
    await town.prisma.priority.update({
      where: { id: priorityId },
      data: { description: "Still relevant: reports down 40%, keep." },
    });
    expect(await town.findings("patrol-cpp.priorities-reviewed")).toEqual([]);
  });
});
