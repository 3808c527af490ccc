import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, day, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.revision-has-required-parts (CPP-14..17)", () => {
  let town: Rivertown;
  let revisionId: string;
  beforeAll(async () => {
    town = await createRivertown();
    const plan = await town.prisma.plan.create({
      data: { agencyId: town.agencyId, unitId: town.north, title: "North CPP", ownerId: town.commander },
    });
    const revision = await town.prisma.planRevision.create({
      data: {
        agencyId: town.agencyId,
        planId: plan.id,
        periodStart: day("2026-01-01"),
        periodEnd: day("2026-06-30"),
        status: "SUBMITTED",
        submittedAt: new Date(),
      },
    });
    revisionId = revision.id;
    await town.prisma.planSection.create({
      data: {
        agencyId: town.agencyId,
        revisionId,
        key: "community-feedback",
        title: "Community feedback",
        body: "Three meetings, one survey (212 answers).",
      },
    });
    await town.prisma.planSection.create({
      data: { agencyId: town.agencyId, revisionId, key: "effectiveness", title: "Effectiveness", body: "   " },
    });
  });
  afterAll(() => town.close());

  it("flags each missing or empty part of a submitted update", async () => {
    const messages = (await town.findings("patrol-cpp.revision-has-required-parts")).map((finding) => finding.message).sort();
    expect(messages).toEqual([
      `North Station's plan update lacks the part "Effectiveness of current efforts and changes to the implementation plan" (CPP-15).`,
      `North Station's plan update lacks the part "How the information was shared with the community" (CPP-17).`,
      `North Station's plan update lacks the part "New or modified planned responses, result-based or community-input-based" (CPP-16).`,
    ]);
  });

  it("clears once every part has content", async () => {
    for (const key of ["effectiveness", "planned-responses", "community-sharing"]) {
      await town.prisma.planSection.upsert({
        where: { revisionId_key: { revisionId, key } },
        create: { agencyId: town.agencyId, revisionId, key, title: key, body: "Written." },
        update: { body: "Written." },
      });
    }
    expect(await town.findings("patrol-cpp.revision-has-required-parts")).toEqual([]);
  });
});
