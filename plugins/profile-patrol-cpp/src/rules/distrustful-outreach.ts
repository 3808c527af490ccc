import { defineRule } from "@roundtable/core";
import { monthsBefore } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";

/** CPP-07 (encouraged, so INFO): stakeholders marked distrustful or hard to reach who had no contact lately. */
export const distrustfulOutreach = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.distrustful-outreach",
  title: "Outreach to communities that may distrust law enforcement",
  clauses: ["CPP-07", "CPP-02"],
  triggers: ["stakeholder.*", "activity.*"],
  async evaluate({ db, settings, now }) {
    const since = monthsBefore(now, settings.outreachLookbackMonths);
    const untouched = await db.stakeholder.findMany({
      where: {
        archivedAt: null,
        outreachStatus: { in: ["DISTRUSTFUL", "HARD_TO_REACH"] },
        activities: { none: { activity: { startsAt: { gte: since, lte: now } } } },
      },
      include: { area: { select: { commanderId: true } } },
      orderBy: { name: "asc" },
    });
    return untouched.map((stakeholder) => ({
      severity: "INFO" as const,
      subjectType: "Stakeholder",
      subjectId: stakeholder.id,
      unitId: stakeholder.areaId,
      memberId: stakeholder.area?.commanderId ?? null,
      message: `${stakeholder.name} is marked ${stakeholder.outreachStatus === "DISTRUSTFUL" ? "distrustful of law enforcement" : "hard to reach"} and had no contact in ${settings.outreachLookbackMonths} months.`,
    }));
  },
});
