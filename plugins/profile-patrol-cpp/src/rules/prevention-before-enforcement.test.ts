import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.prevention-before-enforcement (CPP-09)", () => {
  let town: Rivertown;
  let problemId: string;
  beforeAll(async () => {
    town = await createRivertown();
    const plan = await town.prisma.plan.create({
      data: { agencyId: town.agencyId, unitId: town.north, title: "North CPP", ownerId: town.commander },
    });
    const problem = await town.prisma.problem.create({
      data: {
        agencyId: town.agencyId,
        unitId: town.north,
        planId: plan.id,
        title: "Car break-ins at the river park",
        scanning: "14 reports in May",
      },
    });
    problemId = problem.id;
    for (const description of ["Saturation patrols", "Arrest warrants"]) {
      await town.prisma.problemResponse.create({
        data: { agencyId: town.agencyId, problemId, description, kind: "ENFORCEMENT", basis: "RESULT_BASED", status: "ACTIVE" },
      });
    }
  });
  afterAll(() => town.close());

  it("warns about a plan whose responses are all enforcement", async () => {
    const findings = await town.findings("patrol-cpp.prevention-before-enforcement");
    expect(findings).toEqual([
      {
        ruleId: "patrol-cpp.prevention-before-enforcement",
        severity: "WARNING",
        subjectType: "Plan",
        message: "All 2 planned or active responses in North Station's plan are enforcement; add prevention where possible.",
      },
    ]);
  });

  it("is satisfied once a prevention response is planned", async () => {
    await town.prisma.problemResponse.create({
      data: {
        agencyId: town.agencyId,
        problemId,
        description: "Better lighting with Parks Dept.",
        kind: "PREVENTION",
        basis: "COMMUNITY_INPUT_BASED",
      },
    });
    expect(await town.findings("patrol-cpp.prevention-before-enforcement")).toEqual([]);
  });
});
