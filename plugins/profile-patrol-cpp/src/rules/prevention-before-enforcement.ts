import { defineRule, type FindingDraft } from "@roundtable/core";
import type { PatrolCppSettings } from "../settings.ts";
import { CPP_PLAN_KIND } from "../stations.ts";

/** CPP-09: plans focus on prevention, not solely on enforcement: a plan whose responses are all enforcement is flagged. */
export const preventionBeforeEnforcement = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.prevention-before-enforcement",
  title: "Plans do not rely on enforcement alone",
  clauses: ["CPP-09"],
  triggers: ["problem.*", "problem-response.*", "plan.*"],
  async evaluate({ db }) {
    const plans = await db.plan.findMany({
      where: { kind: CPP_PLAN_KIND },
      include: {
        unit: true,
        problems: {
          where: { status: { not: "CLOSED" } },
          include: { responses: { where: { status: { in: ["PLANNED", "ACTIVE"] } } } },
        },
      },
    });
    const findings: FindingDraft[] = [];
    for (const plan of plans) {
      const responses = plan.problems.flatMap((problem) => problem.responses);
      if (responses.length > 0 && responses.every((response) => response.kind === "ENFORCEMENT")) {
        findings.push({
          severity: "WARNING",
          subjectType: "Plan",
          subjectId: plan.id,
          unitId: plan.unitId,
          memberId: plan.ownerId,
          message: `All ${responses.length} planned or active responses in ${plan.unit.name}'s plan are enforcement; add prevention where possible.`,
        });
      }
    }
    return findings;
  },
});
