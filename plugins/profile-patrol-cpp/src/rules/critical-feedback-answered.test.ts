import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRivertown, day, type Rivertown } from "../testing/rivertown.ts";

describe("patrol-cpp.critical-feedback-answered (CPP-11)", () => {
  let town: Rivertown;
  let lateId: string;
  beforeAll(async () => {
    town = await createRivertown({ criticalFeedbackAnswerDays: 30 });
    const base = { agencyId: town.agencyId, channel: "MEETING" as const, topic: "PUBLIC_SAFETY" as const, unitId: town.north };
    lateId = (
      await town.prisma.feedback.create({
        data: { ...base, text: "Deputies never explain stops.", criticalOfDepartment: true, receivedAt: day("2026-01-05") },
      })
    ).id;
    await town.prisma.feedback.create({
      data: { ...base, text: "Too slow to respond.", criticalOfDepartment: true, receivedAt: new Date() },
    });
    await town.prisma.feedback.create({ data: { ...base, text: "Thanks for the park patrols.", receivedAt: day("2026-01-05") } });
  });
  afterAll(() => town.close());

  it("flags critical feedback left unanswered past the deadline, and only that", async () => {
    const findings = await town.findings("patrol-cpp.critical-feedback-answered");
    expect(findings.map((finding) => finding.message)).toEqual([
      "Critical feedback received on 2026-01-05 for North Station has had no answer; one was due on 2026-02-04.",
    ]);
  });

  it("resolves once the agency answers", async () => {
    await town.prisma.feedback.update({
      where: { id: lateId },
      data: { answer: "We now hand out stop cards.", answeredAt: new Date(), status: "ANSWERED" },
    });
    expect(await town.findings("patrol-cpp.critical-feedback-answered")).toEqual([]);
  });
});
