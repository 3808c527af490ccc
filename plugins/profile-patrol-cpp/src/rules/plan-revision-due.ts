import { defineRule, type FindingDraft } from "@roundtable/core";
import { isoDay, monthsAfter } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";
import { CPP_PLAN_KIND, patrolStations } from "../stations.ts";

/** CPP-13: each station updates its plan every `updateIntervalMonths` (semi-annually by default). */
export const planRevisionDue = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.plan-revision-due",
  title: "Each station's plan is updated every interval",
  clauses: ["CPP-13"],
  triggers: ["plan.*", "plan-revision.*"],
  async evaluate({ db, settings, now }) {
    const stations = await patrolStations(db);
    const plans = await db.plan.findMany({
      where: { kind: CPP_PLAN_KIND, unitId: { in: stations.map((station) => station.id) } },
      include: { revisions: { where: { status: "SUBMITTED" }, orderBy: { submittedAt: "desc" }, take: 1 } },
    });
    const findings: FindingDraft[] = [];
    for (const plan of plans) {
      const station = stations.find((candidate) => candidate.id === plan.unitId);
      const last = plan.revisions[0];
      const dueAt = monthsAfter(last?.submittedAt ?? plan.createdAt, settings.updateIntervalMonths);
      if (dueAt <= now) {
        findings.push({
          severity: "VIOLATION",
          subjectType: "Plan",
          subjectId: plan.id,
          unitId: plan.unitId,
          memberId: station?.commanderId ?? plan.ownerId,
          dueAt,
          message: last
            ? `${station?.name ?? "The station"}'s plan update was due on ${isoDay(dueAt)}; the last one was submitted on ${isoDay(last.submittedAt ?? last.updatedAt)}.`
            : `${station?.name ?? "The station"}'s plan has had no submitted update since it was created; one was due on ${isoDay(dueAt)}.`,
        });
      }
    }
    return findings;
  },
});
