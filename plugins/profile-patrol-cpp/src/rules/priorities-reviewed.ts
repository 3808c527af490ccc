import { defineRule } from "@roundtable/core";
import { monthsBefore } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";

/** CPP-18: commanders keep evaluating whether priorities are still relevant given crime and quality-of-life trends. */
export const prioritiesReviewed = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.priorities-reviewed",
  title: "Priorities are re-evaluated against current trends",
  clauses: ["CPP-18"],
  triggers: ["priority.*", "observation.*", "indicator.*"],
  async evaluate({ db, settings, now }) {
    const since = monthsBefore(now, settings.priorityReviewMonths);
    const stale = await db.priority.findMany({
      where: {
        status: "ACTIVE",
        updatedAt: { lt: since },
        unit: { kind: "PATROL_STATION", observations: { some: { periodStart: { gte: since } } } },
      },
      include: { unit: { select: { name: true, commanderId: true } } },
    });
    return stale.map((priority) => ({
      severity: "INFO" as const,
      subjectType: "Priority",
      subjectId: priority.id,
      unitId: priority.unitId,
      memberId: priority.unit.commanderId,
      message: `"${priority.title}" (${priority.unit.name}) was not reviewed in ${settings.priorityReviewMonths} months although new trend figures arrived.`,
    }));
  },
});
