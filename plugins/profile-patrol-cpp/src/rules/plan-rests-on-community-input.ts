import { defineRule, type FindingDraft } from "@roundtable/core";
import { monthsBefore } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";
import { patrolStations } from "../stations.ts";

/**
 * CPP-06 and CPP-14: the plan is tailored to community input, so each station needs active
 * priorities backed by survey or meeting feedback received within the current update interval.
 */
export const planRestsOnCommunityInput = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.plan-rests-on-community-input",
  title: "Each station's priorities are backed by recent survey and meeting feedback",
  clauses: ["CPP-06", "CPP-14"],
  triggers: ["priority.*", "feedback.*", "survey-response.*", "org-unit.*"],
  async evaluate({ db, settings, now }) {
    const since = monthsBefore(now, settings.updateIntervalMonths);
    const findings: FindingDraft[] = [];
    for (const station of await patrolStations(db)) {
      const backed = await db.priority.count({
        where: {
          unitId: station.id,
          status: "ACTIVE",
          feedback: { some: { feedback: { channel: { in: ["SURVEY", "MEETING"] }, receivedAt: { gte: since } } } },
        },
      });
      if (backed === 0) {
        findings.push({
          severity: "WARNING",
          subjectType: "OrgUnit",
          subjectId: station.id,
          unitId: station.id,
          memberId: station.commanderId,
          message: `${station.name} has no active priority backed by survey or meeting feedback from the last ${settings.updateIntervalMonths} months.`,
        });
      }
    }
    return findings;
  },
});
