import { defineRule } from "@roundtable/core";
import { monthsBefore } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";

/** CPP-08: all members assigned to a patrol station take part in community policing and engagement. */
export const memberParticipation = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.member-participation",
  title: "Every station member takes part in community engagement",
  clauses: ["CPP-08"],
  triggers: ["activity.*", "member.*", "activity-participant.*"],
  async evaluate({ db, settings, now }) {
    const since = monthsBefore(now, settings.participationLookbackMonths);
    const idle = await db.member.findMany({
      where: {
        disabledAt: null,
        unit: { kind: "PATROL_STATION" },
        participations: { none: { activity: { startsAt: { gte: since, lte: now } } } },
      },
      include: { unit: { select: { name: true, commanderId: true } } },
      orderBy: { name: "asc" },
    });
    return idle.map((member) => ({
      severity: "WARNING" as const,
      subjectType: "Member",
      subjectId: member.id,
      unitId: member.unitId,
      memberId: member.id,
      message: `${member.name} (${member.unit?.name}) took part in no community activity in the last ${settings.participationLookbackMonths} months.`,
    }));
  },
});
