import { defineRule } from "@roundtable/core";
import { monthsBefore } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";

/** CPP-19: every member receives at least `minTrainingHours` of community policing and engagement training. */
export const trainingHours = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.training-hours",
  title: "Every member has the minimum community policing training",
  clauses: ["CPP-19"],
  triggers: ["training-record.*", "training-course.*", "member.*"],
  async evaluate({ db, settings, now }) {
    const since = settings.trainingWindowMonths > 0 ? monthsBefore(now, settings.trainingWindowMonths) : undefined;
    const members = await db.member.findMany({
      where: { disabledAt: null },
      select: { id: true, name: true, unitId: true },
      orderBy: { name: "asc" },
    });
    const totals = await db.trainingRecord.groupBy({
      by: ["memberId"],
      where: { completedOn: { lte: now, ...(since ? { gte: since } : {}) } },
      _sum: { hours: true },
    });
    const hoursOf = new Map(totals.map((row) => [row.memberId, row._sum.hours ?? 0]));
    return members
      .filter((member) => (hoursOf.get(member.id) ?? 0) < settings.minTrainingHours)
      .map((member) => ({
        severity: "VIOLATION" as const,
        subjectType: "Member",
        subjectId: member.id,
        unitId: member.unitId,
        memberId: member.id,
        message: `${member.name} has ${hoursOf.get(member.id) ?? 0} of the ${settings.minTrainingHours} required hours of community policing training.`,
      }));
  },
});
