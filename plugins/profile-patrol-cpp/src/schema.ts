import type { PolicyProfile } from "@roundtable/core";
import { monthsAfter } from "./periods.ts";
import { type PatrolCppSettings, REQUIRED_UPDATE_SECTIONS } from "./settings.ts";
import { CPP_PLAN_KIND } from "./stations.ts";

interface StationStatus {
  unitId: string;
  planTitle: string | null;
  lastUpdateSubmittedAt: Date | null;
  nextUpdateDueAt: Date | null;
}

/**
 * Adds `OrgUnit.communityPolicing`: where a patrol station stands with its plan. It answers
 * only for agencies that enabled this profile; others get FORBIDDEN saying so.
 */
export const patrolCppSchema: NonNullable<PolicyProfile<PatrolCppSettings>["schema"]> = (builder) => {
  const Status = builder.objectRef<StationStatus>("CommunityPolicingStatus").implement({
    description: "A patrol station's Community Policing Plan at a glance (profile patrol-cpp).",
    authScopes: { profile: "patrol-cpp" },
    fields: (t) => ({
      planTitle: t.string({ nullable: true, resolve: (status) => status.planTitle }),
      lastUpdateSubmittedAt: t.field({ type: "DateTime", nullable: true, resolve: (status) => status.lastUpdateSubmittedAt }),
      nextUpdateDueAt: t.field({ type: "DateTime", nullable: true, resolve: (status) => status.nextUpdateDueAt }),
      requiredUpdateSections: t.stringList({ resolve: () => REQUIRED_UPDATE_SECTIONS.map((section) => section.key) }),
      openFindings: t.int({
        resolve: (status, _args, ctx) =>
          ctx.db.finding.count({ where: { profileId: "patrol-cpp", unitId: status.unitId, resolvedAt: null } }),
      }),
    }),
  });

  builder.prismaObjectFields("OrgUnit", (t) => ({
    communityPolicing: t.field({
      type: Status,
      nullable: true,
      description: "The station's Community Policing Plan status; null for units that are not patrol stations.",
      authScopes: { profile: "patrol-cpp" },
      select: { id: true, kind: true },
      resolve: async (unit, _args, ctx) => {
        if (unit.kind !== "PATROL_STATION") return null;
        const settings = (await ctx.profiles.get("patrol-cpp"))?.settings as PatrolCppSettings | undefined;
        const plan = await ctx.db.plan.findFirst({
          where: { unitId: unit.id, kind: CPP_PLAN_KIND },
          include: { revisions: { where: { status: "SUBMITTED" }, orderBy: { submittedAt: "desc" }, take: 1 } },
        });
        const last = plan?.revisions[0]?.submittedAt ?? null;
        const from = last ?? plan?.createdAt ?? null;
        return {
          unitId: unit.id,
          planTitle: plan?.title ?? null,
          lastUpdateSubmittedAt: last,
          nextUpdateDueAt: from && settings ? monthsAfter(from, settings.updateIntervalMonths) : null,
        };
      },
    }),
  }));
};
