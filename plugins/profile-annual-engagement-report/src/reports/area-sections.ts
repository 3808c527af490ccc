import type { ReportSectionTemplate } from "@roundtable/core";
import { isoDay } from "../report-year.ts";
import type { AnnualEngagementReportSettings } from "../settings.ts";
import { areaName, ENGAGEMENT_AREAS, type EngagementArea } from "../taxonomy.ts";
import { type AreaYear, engagementByArea, periodLabel } from "./engagement-data.ts";
import { activityKindName, mdText, plural } from "./markdown.ts";

const ACTIVITY_COLUMNS = ["Date", "Activity", "Kind", "Attendance"];

/** What an area's participation line says: activities, attendance, distinct partners. */
export function participationLine(data: AreaYear): string {
  const unknown = data.attendanceUnknown
    ? ` (attendance was not recorded for ${plural(data.attendanceUnknown, "activity", "activities")})`
    : "";
  return `${plural(data.activities.length, "activity", "activities")}, ${plural(data.attendance, "attendee")} recorded${unknown}, ${plural(data.distinctStakeholders, "distinct community partner")}.`;
}

function strategyLine(strategy: AreaYear["strategies"][number]): string {
  const dates = [strategy.startsOn && `from ${isoDay(strategy.startsOn)}`, strategy.endsOn && `to ${isoDay(strategy.endsOn)}`]
    .filter(Boolean)
    .join(" ");
  return `- ${mdText(strategy.title)}${dates ? ` (${dates})` : ""}`;
}

function outcomeLine(strategy: AreaYear["strategies"][number]): string {
  const goals = strategy.goals.length ? ` Goals: ${strategy.goals.map(mdText).join("; ")}.` : " No goals recorded.";
  return `- ${mdText(strategy.title)}: ${strategy.status.toLowerCase()}.${goals}`;
}

/**
 * The Markdown of one area's section: strategies, participation, outcomes, then the
 * activities, which the renderer lists in the section's table right after the text.
 * An area without strategies says why, or that no reason was recorded.
 */
export function areaBody(data: AreaYear, label: string): string {
  if (data.strategies.length === 0) {
    const why = data.reason ? `Reason recorded: ${mdText(data.reason)}` : "No reason was recorded.";
    return `No strategy addressed this area in ${label}. ${why}`;
  }
  return [
    "### Strategies",
    data.strategies.map(strategyLine).join("\n"),
    "### Participation",
    participationLine(data),
    "### Outcomes",
    data.strategies.map(outcomeLine).join("\n"),
    "### Activities",
    data.activities.length
      ? `The ${plural(data.activities.length, "activity", "activities")} held under these strategies in ${label}:`
      : `No activity under these strategies was recorded in ${label}.`,
  ].join("\n\n");
}

function activityRows(data: AreaYear): (string | number)[][] {
  return data.activities.map((activity) => [
    isoDay(activity.startsAt),
    activity.title,
    activityKindName(activity.kind),
    activity.attendanceCount ?? "not recorded",
  ]);
}

/** The section for one area a-i (CE-04a..i). */
function areaSection(area: EngagementArea): ReportSectionTemplate<AnnualEngagementReportSettings> {
  return {
    key: `area-${area.letter}`,
    title: `Area ${areaName(area)}`,
    clauses: ["CE-04", area.clause],
    async build(ctx) {
      const data = (await engagementByArea(ctx)).find((candidate) => candidate.area.key === area.key);
      if (!data) throw new Error(`no data for area ${area.key}`);
      const label = periodLabel(ctx.period);
      return {
        body: areaBody(data, label),
        ...(data.activities.length ? { table: { columns: ACTIVITY_COLUMNS, rows: activityRows(data) } } : {}),
      };
    },
  };
}

/** One section per area a-i, in the policy's order. */
export const areaSections = ENGAGEMENT_AREAS.map(areaSection);
