import { defineRule } from "@roundtable/core";
import { designationOn, todayOf } from "../coordinator-designations.ts";
import type { AnnualEngagementReportSettings } from "../settings.ts";

/**
 * CE-05: the Chief/Sheriff designates an employee, sworn or civilian, to develop and document
 * the engagement strategies. Nobody designated today, or a designated member who has left
 * (disabled), is a VIOLATION.
 */
export const coordinatorDesignated = defineRule<AnnualEngagementReportSettings>({
  id: "annual-engagement-report.coordinator-designated",
  title: "A community engagement coordinator is designated",
  clauses: ["CE-05", "CE-02"],
  triggers: ["coordinator-designation.*", "member.*"],
  async evaluate({ db, agency, now }) {
    const current = await designationOn(db, todayOf(now));
    if (current && !current.member.disabledAt) return [];
    return [
      {
        key: "coordinator",
        severity: "VIOLATION",
        subjectType: "Agency",
        subjectId: agency.id,
        memberId: current?.member.id ?? null,
        message: current
          ? `${current.member.name}, the designated community engagement coordinator, is no longer an active member; the Chief should designate another.`
          : "No community engagement coordinator is designated; the Chief should designate an employee, sworn or civilian, to develop and document the strategies.",
      },
    ];
  },
});
