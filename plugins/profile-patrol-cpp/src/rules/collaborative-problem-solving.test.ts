import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.collaborative-problem-solving (CPP-10, CPP-12)", () => {
  let town: Rivertown;
  let responseId: string;
  beforeAll(async () => {
    town = await createRivertown();
    const problem = await town.prisma.problem.create({
      data: { agencyId: town.agencyId, unitId: town.north, title: "Speeding on Elm", scanning: "Residents' complaints" },
    });
    responseId = (
      await town.prisma.problemResponse.create({
        data: {
          agencyId: town.agencyId,
          problemId: problem.id,
          description: "Radar signs",
          kind: "ENVIRONMENTAL_DESIGN",
          basis: "COMMUNITY_INPUT_BASED",
        },
      })
    ).id;
  });
  afterAll(() => town.close());

  it("flags a station with no open problem and a problem worked without community partners", async () => {
    const messages = (await town.findings("patrol-cpp.collaborative-problem-solving")).map((finding) => finding.message).sort();
    expect(messages).toEqual([
      `"Speeding on Elm" (North Station) has responses but no community partner in any of them.`,
      "South Station has no open problem in SARA problem solving.",
    ]);
  });

  it("clears the partner finding once a stakeholder joins the response", async () => {
    const partner = await town.prisma.stakeholder.create({
      data: { agencyId: town.agencyId, name: "Elm Street Neighbors", kind: "NEIGHBORHOOD_ASSOCIATION" },
    });
    await town.prisma.responsePartner.create({ data: { agencyId: town.agencyId, responseId, stakeholderId: partner.id } });
    const messages = (await town.findings("patrol-cpp.collaborative-problem-solving")).map((finding) => finding.message);
    expect(messages).toEqual(["South Station has no open problem in SARA problem solving."]);
  });
});
