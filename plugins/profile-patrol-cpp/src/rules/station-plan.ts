import { defineRule, type FindingDraft } from "@roundtable/core";
import type { PatrolCppSettings } from "../settings.ts";
import { CPP_PLAN_KIND, patrolStations } from "../stations.ts";

/** CPP-05: each patrol station's unit commander creates and implements a Community Policing Plan. */
export const stationPlan = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.station-plan",
  title: "Every patrol station has a Community Policing Plan owned by its unit commander",
  clauses: ["CPP-05"],
  triggers: ["org-unit.*", "plan.*", "member.*"],
  async evaluate({ db }) {
    const stations = await patrolStations(db);
    const plans = await db.plan.findMany({
      where: { kind: CPP_PLAN_KIND, unitId: { in: stations.map((station) => station.id) } },
    });
    const planOf = new Map(plans.map((plan) => [plan.unitId, plan]));
    const findings: FindingDraft[] = [];
    for (const station of stations) {
      const plan = planOf.get(station.id);
      if (!station.commanderId) {
        findings.push({
          key: `no-commander:${station.id}`,
          severity: "WARNING",
          subjectType: "OrgUnit",
          subjectId: station.id,
          unitId: station.id,
          message: `${station.name} has no unit commander to own its Community Policing Plan.`,
        });
      }
      if (!plan) {
        findings.push({
          key: `no-plan:${station.id}`,
          severity: "VIOLATION",
          subjectType: "OrgUnit",
          subjectId: station.id,
          unitId: station.id,
          memberId: station.commanderId,
          message: `${station.name} has no Community Policing Plan.`,
        });
      } else if (station.commanderId && plan.ownerId !== station.commanderId) {
        findings.push({
          key: `owner:${plan.id}`,
          severity: "WARNING",
          subjectType: "Plan",
          subjectId: plan.id,
          unitId: station.id,
          memberId: station.commanderId,
          message: `${station.name}'s Community Policing Plan is not owned by the station's unit commander.`,
        });
      }
    }
    return findings;
  },
});
