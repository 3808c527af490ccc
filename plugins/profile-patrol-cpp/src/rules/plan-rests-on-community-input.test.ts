import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.plan-rests-on-community-input (CPP-06, CPP-14)", () => {
  let town: Rivertown;
  beforeAll(async () => {
    town = await createRivertown();
  });
  afterAll(() => town.close());

  it("flags stations whose priorities are not backed by recent survey or meeting feedback", async () => {
    const priority = await town.prisma.priority.create({
      data: { agencyId: town.agencyId, unitId: town.north, title: "Speeding near schools", rank: 1 },
    });
    const old = await town.prisma.feedback.create({
      data: {
        agencyId: town.agencyId,
        channel: "MEETING",
        text: "Cars race past the school",
        topic: "QUALITY_OF_LIFE",
        receivedAt: new Date("2024-03-01T00:00:00Z"),
      },
    });
    await town.prisma.priorityFeedback.create({ data: { agencyId: town.agencyId, priorityId: priority.id, feedbackId: old.id } });
    const messages = (await town.findings("patrol-cpp.plan-rests-on-community-input")).map((finding) => finding.message).sort();
    expect(messages).toEqual([
      "North Station has no active priority backed by survey or meeting feedback from the last 6 months.",
      "South Station has no active priority backed by survey or meeting feedback from the last 6 months.",
    ]);
    const recent = await town.prisma.feedback.create({
      data: {
        agencyId: town.agencyId,
        channel: "SURVEY",
        text: "Still speeding",
        topic: "QUALITY_OF_LIFE",
        receivedAt: new Date(Date.now() - 86_400_000),
      },
    });
    await town.prisma.priorityFeedback.create({
      data: { agencyId: town.agencyId, priorityId: priority.id, feedbackId: recent.id },
    });
    const after = (await town.findings("patrol-cpp.plan-rests-on-community-input")).map((finding) => finding.message);
    expect(after).toEqual(["South Station has no active priority backed by survey or meeting feedback from the last 6 months."]);
  });
});
