import { defineRule, type FindingDraft } from "@roundtable/core";
import { monthsBefore } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";
import { patrolStations } from "../stations.ts";

const LABEL = (kind: string) => kind.toLowerCase().replaceAll("_", " ");

/**
 * CPP-02: each station reaches out to the kinds of stakeholders the policy names. A kind of
 * stakeholder the station engaged in no activity during the update interval is flagged
 * (INFO: a station may have no synagogue in its area; the finding asks the question).
 */
export const stakeholderKindsEngaged = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.stakeholder-kinds-engaged",
  title: "Stations engage the kinds of stakeholders the policy names",
  clauses: ["CPP-02", "CPP-03"],
  triggers: ["activity.*", "stakeholder.*"],
  async evaluate({ db, settings, now }) {
    const since = monthsBefore(now, settings.updateIntervalMonths);
    const findings: FindingDraft[] = [];
    const stations = await patrolStations(db);
    // Every station's engagements in one read (not one per station): which kinds each met.
    const engagements = await db.activityStakeholder.findMany({
      where: { activity: { unitId: { in: stations.map((station) => station.id) }, startsAt: { gte: since, lte: now } } },
      select: { activity: { select: { unitId: true } }, stakeholder: { select: { kind: true } } },
    });
    const kindsByStation = new Map<string, Set<string>>();
    for (const { activity, stakeholder } of engagements) {
      if (!activity.unitId) continue;
      const kinds = kindsByStation.get(activity.unitId) ?? new Set<string>();
      kinds.add(stakeholder.kind as string);
      kindsByStation.set(activity.unitId, kinds);
    }
    for (const station of stations) {
      const kinds = kindsByStation.get(station.id) ?? new Set<string>();
      const missing = settings.expectedStakeholderKinds.filter((kind) => !kinds.has(kind));
      if (missing.length === 0) continue;
      findings.push({
        severity: "INFO",
        subjectType: "OrgUnit",
        subjectId: station.id,
        unitId: station.id,
        memberId: station.commanderId,
        message: `${station.name} engaged no ${missing.map(LABEL).join(", ")} in the last ${settings.updateIntervalMonths} months.`,
      });
    }
    return findings;
  },
});
