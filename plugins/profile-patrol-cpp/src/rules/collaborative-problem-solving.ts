import { defineRule, type FindingDraft } from "@roundtable/core";
import type { PatrolCppSettings } from "../settings.ts";
import { patrolStations } from "../stations.ts";

/**
 * CPP-10 and CPP-12: commanders identify problems in their area with community partners and
 * resolve them collaboratively: a station with no open problem, or an active problem whose
 * responses involve no community partner, is flagged.
 */
export const collaborativeProblemSolving = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.collaborative-problem-solving",
  title: "Stations solve problems proactively, with community partners",
  clauses: ["CPP-10", "CPP-12"],
  triggers: ["problem.*", "problem-response.*", "response-partner.*"],
  async evaluate({ db }) {
    const findings: FindingDraft[] = [];
    for (const station of await patrolStations(db)) {
      const problems = await db.problem.findMany({
        where: { unitId: station.id, status: { not: "CLOSED" } },
        include: { responses: { include: { _count: { select: { partners: true } } } } },
      });
      if (problems.length === 0) {
        findings.push({
          key: `no-problems:${station.id}`,
          severity: "INFO",
          subjectType: "OrgUnit",
          subjectId: station.id,
          unitId: station.id,
          memberId: station.commanderId,
          message: `${station.name} has no open problem in SARA problem solving.`,
        });
      }
      for (const problem of problems) {
        if (problem.responses.length > 0 && problem.responses.every((response) => response._count.partners === 0)) {
          findings.push({
            key: `no-partners:${problem.id}`,
            severity: "INFO",
            subjectType: "Problem",
            subjectId: problem.id,
            unitId: station.id,
            memberId: station.commanderId,
            message: `"${problem.title}" (${station.name}) has responses but no community partner in any of them.`,
          });
        }
      }
    }
    return findings;
  },
});
