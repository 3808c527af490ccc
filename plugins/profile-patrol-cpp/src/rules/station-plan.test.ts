import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.station-plan (CPP-05)", () => {
  let town: Rivertown;
  beforeAll(async () => {
    town = await createRivertown();
  });
  afterAll(() => town.close());

  it("flags every patrol station without a Community Policing Plan, and one without a commander", async () => {
    const findings = await town.findings("patrol-cpp.station-plan");
    expect(findings.map((finding) => finding.message).sort()).toEqual([
      "North Station has no Community Policing Plan.",
      "South Station has no Community Policing Plan.",
      "South Station has no unit commander to own its Community Policing Plan.",
    ]);
    expect(findings.find((finding) => finding.message.startsWith("North"))?.severity).toBe("VIOLATION");
  });

  it("resolves the finding once the commander's plan exists, and flags a plan someone else owns", async () => {
    await town.prisma.plan.create({
      data: { agencyId: town.agencyId, unitId: town.north, title: "North CPP", ownerId: town.commander },
    });
    await town.prisma.plan.create({
      data: { agencyId: town.agencyId, unitId: town.south, title: "South CPP", ownerId: town.deputy },
    });
    const findings = await town.findings("patrol-cpp.station-plan");
    expect(findings.map((finding) => finding.message)).toEqual([
      "South Station has no unit commander to own its Community Policing Plan.",
    ]);
    const resolved = await town.prisma.finding.count({ where: { ruleId: "patrol-cpp.station-plan", resolvedAt: { not: null } } });
    expect(resolved).toBe(2);
  });
});
