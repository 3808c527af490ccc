import { definePolicyProfile, defineRule, type PolicyProfile } from "@roundtable/core";
import { z } from "zod";

/**
 * An agency's own rule, written by its IT department as a profile package: youth-program
 * sessions must have at least `minimumMembers` members present (a "two-adult rule").
 * Install it by listing it in roundtable.config.ts; the agency then enables it through the
 * API, with its own minimum.
 */
const settings = z.object({
  minimumMembers: z.number().int().min(1).max(10).default(2),
});
type Settings = z.infer<typeof settings>;

const youthSessionsStaffed = defineRule<Settings>({
  id: "youth-safety.sessions-staffed",
  title: "Youth-program sessions have enough members present",
  clauses: ["AGENCY-YOUTH-1"],
  triggers: ["activity.*", "activity-participant.*"],
  async evaluate({ db, settings }) {
    const sessions = await db.activity.findMany({
      where: { kind: "YOUTH_PROGRAM_SESSION" },
      include: { _count: { select: { participants: true } } },
      orderBy: { startsAt: "asc" },
    });
    return sessions
      .filter((session) => session._count.participants < settings.minimumMembers)
      .map((session) => ({
        severity: "VIOLATION" as const,
        subjectType: "Activity",
        subjectId: session.id,
        unitId: session.unitId,
        message: `"${session.title}" had ${session._count.participants} member(s) present; the agency requires ${settings.minimumMembers}.`,
      }));
  },
});

/** One extra GraphQL field, answering only where the agency enabled this profile. */
const youthSafetySchema: NonNullable<PolicyProfile<Settings>["schema"]> = (builder) => {
  builder.queryFields((t) => ({
    understaffedYouthSessions: t.int({
      description: "Open youth-safety findings: sessions with too few members present.",
      authScopes: { profile: "youth-safety" },
      resolve: (_root, _args, ctx) =>
        ctx.db.finding.count({ where: { ruleId: "youth-safety.sessions-staffed", resolvedAt: null } }),
    }),
  }));
};

export default definePolicyProfile<Settings>({
  id: "youth-safety",
  version: "1.0.0",
  title: "Youth program safety",
  description: "Agency policy: at least two members at every youth-program session.",
  settings,
  rules: [youthSessionsStaffed],
  schema: youthSafetySchema,
});
