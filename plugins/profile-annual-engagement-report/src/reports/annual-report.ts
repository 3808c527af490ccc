import { defineReportTemplate, type ReportSectionTemplate } from "@roundtable/core";
import { isoDay } from "../report-year.ts";
import type { AnnualEngagementReportSettings } from "../settings.ts";
import { ENGAGEMENT_AREAS } from "../taxonomy.ts";
import { ANNUAL_REPORT_KEY } from "./annual-report-key.ts";
import { areaSections } from "./area-sections.ts";
import { engagementByArea, periodLabel, withinPeriod } from "./engagement-data.ts";
import { plural } from "./markdown.ts";
import { whatChanged } from "./what-changed.ts";

type Section = ReportSectionTemplate<AnnualEngagementReportSettings>;

/** CE-04h: the community meetings and gatherings the department held or attended in the year. */
const communityMeetings: Section = {
  key: "community-meetings",
  title: "Community meetings and gatherings attended",
  clauses: ["CE-04h"],
  async build({ db, period }) {
    const meetings = await db.activity.findMany({
      where: { kind: "COMMUNITY_MEETING", startsAt: withinPeriod(period) },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: { title: true, startsAt: true, attendanceCount: true, departmentSponsored: true },
    });
    const label = periodLabel(period);
    if (meetings.length === 0) return { body: `No community meeting or gathering was recorded in ${label}.` };
    const columns = ["Date", "Meeting", "Hosted by", "Attendance"];
    const rows = meetings.map((meeting) => [
      isoDay(meeting.startsAt),
      meeting.title,
      meeting.departmentSponsored ? "Department" : "Community",
      meeting.attendanceCount ?? "not recorded",
    ]);
    const attendance = meetings.reduce((sum, meeting) => sum + (meeting.attendanceCount ?? 0), 0);
    const hosted = meetings.filter((meeting) => meeting.departmentSponsored).length;
    const body = `Members attended ${plural(meetings.length, "community meeting")} in ${label} (${hosted} hosted by the department, ${meetings.length - hosted} by the community), with ${plural(attendance, "attendee")} recorded:`;
    return { body, table: { columns, rows } };
  },
};

/** A chart of where the year's activity went, area by area. */
const participation: Section = {
  key: "participation",
  title: "Participation by area",
  clauses: ["CE-04", "CE-06"],
  async build(ctx) {
    const areas = await engagementByArea(ctx);
    const columns = ["Area", "Strategies", "Activities", "Attendance", "Distinct partners"];
    const rows = areas.map((data) => [
      `(${data.area.letter}) ${data.area.label}`,
      data.strategies.length,
      data.activities.length,
      data.attendance,
      data.distinctStakeholders,
    ]);
    const activities = areas.reduce((sum, data) => sum + data.activities.length, 0);
    const attendance = areas.reduce((sum, data) => sum + data.attendance, 0);
    const addressed = areas.filter((data) => data.strategies.length > 0).length;
    const body = `In ${periodLabel(ctx.period)} the department's strategies addressed ${addressed} of the ${ENGAGEMENT_AREAS.length} areas, through ${plural(activities, "activity", "activities")} with ${plural(attendance, "attendee")} recorded.`;
    return {
      body,
      table: { columns, rows },
      chart: {
        kind: "bar",
        title: `Activities per area, ${periodLabel(ctx.period)}`,
        labels: areas.map((data) => `(${data.area.letter}) ${data.area.label}`),
        series: [{ name: "Activities", values: areas.map((data) => data.activities.length) }],
      },
    };
  },
};

/**
 * The annual community engagement report (CE-06): per area a-i the strategies, activities,
 * participation and outcomes; the community meetings attended; what changed; a participation
 * chart. Prepared by the coordinator, approved by the role the agency's settings name
 * (the Chief/Sheriff by default), never by the person who prepared it.
 */
export const annualReport = defineReportTemplate<AnnualEngagementReportSettings>({
  key: ANNUAL_REPORT_KEY,
  title: "Annual Community Engagement Report",
  period: "ANNUAL",
  perUnit: false,
  preparedBy: ["COORDINATOR"],
  approverRole: (settings) => settings.approverRole,
  approverMustDiffer: true,
  sections: [...areaSections, communityMeetings, whatChanged, participation],
});

export { ANNUAL_REPORT_KEY };
