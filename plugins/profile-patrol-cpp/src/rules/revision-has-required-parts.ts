import { defineRule, type FindingDraft } from "@roundtable/core";
import { type PatrolCppSettings, REQUIRED_UPDATE_SECTIONS } from "../settings.ts";
import { CPP_PLAN_KIND } from "../stations.ts";

/**
 * CPP-14 to CPP-17: a submitted update is complete only with its four parts. Each missing or
 * empty part of the latest submitted revision of a plan is a finding of its own.
 */
export const revisionHasRequiredParts = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.revision-has-required-parts",
  title: "Each plan update has its four required parts",
  clauses: ["CPP-14", "CPP-15", "CPP-16", "CPP-17"],
  triggers: ["plan-revision.*", "plan-section.*"],
  async evaluate({ db }) {
    const plans = await db.plan.findMany({
      where: { kind: CPP_PLAN_KIND },
      include: {
        unit: true,
        revisions: { where: { status: "SUBMITTED" }, orderBy: { periodStart: "desc" }, take: 1, include: { sections: true } },
      },
    });
    const findings: FindingDraft[] = [];
    for (const plan of plans) {
      const revision = plan.revisions[0];
      if (!revision) continue;
      for (const part of REQUIRED_UPDATE_SECTIONS) {
        const section = revision.sections.find((candidate) => candidate.key === part.key);
        if (section && section.body.trim().length > 0) continue;
        findings.push({
          key: `${revision.id}:${part.key}`,
          severity: "VIOLATION",
          subjectType: "PlanRevision",
          subjectId: revision.id,
          unitId: plan.unitId,
          memberId: plan.ownerId,
          message: `${plan.unit.name}'s plan update lacks the part "${part.title}" (${part.clause}).`,
        });
      }
    }
    return findings;
  },
});
