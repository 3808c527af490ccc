import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, day, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.training-hours (CPP-19)", () => {
  let town: Rivertown;
  let courseId: string;
  beforeAll(async () => {
    town = await createRivertown({ minTrainingHours: 8 });
    courseId = (
      await town.prisma.trainingCourse.create({
        data: { agencyId: town.agencyId, title: "Community Policing Foundations", hours: 6, delivery: "IN_PERSON" },
      })
    ).id;
    await town.prisma.trainingRecord.create({
      data: { agencyId: town.agencyId, memberId: town.deputy, courseId, completedOn: day("2026-02-01"), hours: 6 },
    });
  });
  afterAll(() => town.close());

  it("flags every member under eight hours, with the hours they have", async () => {
    const messages = (await town.findings("patrol-cpp.training-hours")).map((finding) => finding.message);
    expect(messages).toContain("Deputy Bo has 6 of the 8 required hours of community policing training.");
    expect(messages).toContain("Cmdr. Ada North has 0 of the 8 required hours of community policing training.");
  });

  it("clears a member once online hours bring them to eight", async () => {
    const online = await town.prisma.trainingCourse.create({
      data: { agencyId: town.agencyId, title: "Procedural Justice (online)", hours: 2, delivery: "ONLINE" },
    });
    await town.prisma.trainingRecord.create({
      data: { agencyId: town.agencyId, memberId: town.deputy, courseId: online.id, completedOn: day("2026-03-01"), hours: 2 },
    });
    const messages = (await town.findings("patrol-cpp.training-hours")).map((finding) => finding.message);
    expect(messages.some((message) => message.startsWith("Deputy Bo"))).toBe(false);
  });
});
