import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

const month = (index: number) => new Date(Date.UTC(2026, index, 1));

describe("patrol-cpp.priorities-reassessed-on-trends (CPP-18)", () => {
  let town: Rivertown;
  let indicatorId: string;
  beforeAll(async () => {
    town = await createRivertown({ trendPeriods: 3 });
    await town.prisma.priority.create({ data: { agencyId: town.agencyId, unitId: town.north, title: "Car break-ins", rank: 1 } });
    indicatorId = (
      await town.prisma.indicator.create({
        data: { agencyId: town.agencyId, key: "burglary", name: "Burglary", category: "CRIME" },
      })
    ).id;
    for (const [index, value] of [9, 7, 8, 10, 12].entries()) {
      await town.prisma.observation.create({
        data: {
          agencyId: town.agencyId,
          indicatorId,
          unitId: town.north,
          periodStart: month(index),
          periodEnd: month(index),
          value,
        },
      });
    }
  });
  afterAll(() => town.close());

  it("asks for a reassessment when an indicator rose three periods in a row", async () => {
    expect((await town.findings("patrol-cpp.priorities-reassessed-on-trends")).map((finding) => finding.message)).toEqual([
      "Burglary at North Station rose 3 periods in a row (7 → 8 → 10 → 12); reassess its priorities: Car break-ins.",
    ]);
  });

  it("resolves once the trend turns", async () => {
    await town.prisma.observation.create({
      data: { agencyId: town.agencyId, indicatorId, unitId: town.north, periodStart: month(5), periodEnd: month(5), value: 6 },
    });
    expect(await town.findings("patrol-cpp.priorities-reassessed-on-trends")).toEqual([]);
  });
});
