import { defineRule, type FindingDraft } from "@roundtable/core";
import type { PatrolCppSettings } from "../settings.ts";

/**
 * CPP-18: when one of a station's crime or quality-of-life indicators has worsened (risen)
 * `trendPeriods` periods in a row, the station's priorities are to be reassessed. Priorities
 * carry no indicator of their own, so every active priority of the station is named.
 */
export const prioritiesReassessedOnTrends = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.priorities-reassessed-on-trends",
  title: "Priorities are reassessed when trends worsen",
  clauses: ["CPP-18"],
  triggers: ["observation.*", "indicator.*", "indicator-observations.*", "priority.*"],
  async evaluate({ db, settings }) {
    const needed = settings.trendPeriods + 1;
    const findings: FindingDraft[] = [];
    const stations = await db.orgUnit.findMany({
      where: { kind: "PATROL_STATION", priorities: { some: { status: "ACTIVE" } } },
      select: {
        id: true,
        name: true,
        commanderId: true,
        priorities: { where: { status: "ACTIVE" }, select: { title: true }, orderBy: { rank: "asc" } },
      },
    });
    if (stations.length === 0) return findings;
    const indicators = await db.indicator.findMany({ select: { id: true, name: true } });
    for (const station of stations) {
      for (const indicator of indicators) {
        const latest = await db.observation.findMany({
          where: { unitId: station.id, indicatorId: indicator.id },
          orderBy: { periodStart: "desc" },
          take: needed,
          select: { value: true },
        });
        if (latest.length < needed) continue;
        const values = latest.map((row) => row.value).reverse();
        if (!values.every((value, index) => index === 0 || value > (values[index - 1] ?? Number.POSITIVE_INFINITY))) continue;
        findings.push({
          key: `${station.id}:${indicator.id}`,
          severity: "WARNING",
          subjectType: "OrgUnit",
          subjectId: station.id,
          unitId: station.id,
          memberId: station.commanderId,
          message: `${indicator.name} at ${station.name} rose ${settings.trendPeriods} periods in a row (${values.join(" → ")}); reassess its priorities: ${station.priorities.map((priority) => priority.title).join("; ")}.`,
        });
      }
    }
    return findings;
  },
});
