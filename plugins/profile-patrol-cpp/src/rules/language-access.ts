import { defineRule } from "@roundtable/core";
import { isoDay } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";

/** CPP-04: people with limited English can take part in department-sponsored meetings: every requested language is interpreted. */
export const languageAccess = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.language-access",
  title: "Requested languages are interpreted at department-sponsored activities",
  clauses: ["CPP-04", "CPP-03"],
  triggers: ["activity.*", "language-request.*"],
  async evaluate({ db }) {
    const unmet = await db.languageRequest.findMany({
      where: {
        interpreterMemberId: null,
        OR: [{ volunteerName: null }, { volunteerName: "" }],
        activity: { departmentSponsored: true },
      },
      include: { activity: { include: { unit: { select: { name: true, commanderId: true } } } } },
    });
    return unmet.map((request) => ({
      key: `${request.activityId}:${request.language}`,
      severity: "VIOLATION" as const,
      subjectType: "Activity",
      subjectId: request.activityId,
      unitId: request.activity.unitId,
      memberId: request.activity.unit?.commanderId ?? null,
      message: `"${request.activity.title}" on ${isoDay(request.activity.startsAt)}: "${request.language}" was requested and nobody interpreted; find a member or volunteer who speaks it.`,
    }));
  },
});
