import { defineReportTemplate, type ReportChart, type ReportSectionContent, type SectionBuildContext } from "@roundtable/core";
import { daysAfter, isoDay, monthsBefore } from "../periods.ts";
import { type PatrolCppSettings, REQUIRED_UPDATE_SECTIONS } from "../settings.ts";

type Ctx = SectionBuildContext<PatrolCppSettings>;
type Built = Omit<ReportSectionContent, "key" | "title">;

const [feedbackPart, effectivenessPart, responsesPart, sharingPart] = REQUIRED_UPDATE_SECTIONS;

/** Feedback received, responses changed, meetings held: anything that happened on a day of the period. */
function inPeriod(ctx: Ctx) {
  return { gte: ctx.period.start, lt: daysAfter(ctx.period.end, 1) };
}

const TOPICS = ["PUBLIC_SAFETY", "QUALITY_OF_LIFE", "OTHER"] as const;
const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll("_", " ");

/** CPP-14: what the community said in the period, by topic and channel, and the priorities it set. */
async function communityFeedback(ctx: Ctx): Promise<Built> {
  const feedback = await ctx.db.feedback.findMany({
    where: { unitId: ctx.unitId ?? undefined, receivedAt: inPeriod(ctx) },
    select: { topic: true, channel: true },
  });
  const channels = ["SURVEY", "MEETING", "OTHER"] as const;
  const channelOf = (channel: string) => (channel === "SURVEY" || channel === "MEETING" ? channel : "OTHER");
  const rows = TOPICS.map((topic) => [
    label(topic),
    ...channels.map((channel) => feedback.filter((item) => item.topic === topic && channelOf(item.channel) === channel).length),
  ]);
  const priorities = await ctx.db.priority.findMany({
    where: { unitId: ctx.unitId ?? undefined, status: "ACTIVE" },
    orderBy: { rank: "asc" },
    take: 5,
    select: { title: true, rank: true },
  });
  const lines = [
    `The station received ${feedback.length} comments from the community between ${isoDay(ctx.period.start)} and ${isoDay(ctx.period.end)}, from surveys, community meetings and other channels.`,
    "",
    priorities.length
      ? "Current community priorities, in rank order:"
      : "The station has no active community priorities recorded.",
    ...priorities.map((priority) => `${priority.rank}. ${priority.title}`),
  ];
  const chart: ReportChart = {
    kind: "bar",
    title: "Community feedback by topic",
    labels: TOPICS.map(label),
    series: [{ name: "Comments", values: TOPICS.map((topic) => feedback.filter((item) => item.topic === topic).length) }],
  };
  return { body: lines.join("\n"), table: { columns: ["Topic", "Surveys", "Meetings", "Other channels"], rows }, chart };
}

/** CPP-15: the unit's crime and quality-of-life trends over the last year, and where its responses stand. */
async function effectiveness(ctx: Ctx): Promise<Built> {
  const observations = ctx.unitId
    ? await ctx.db.observation.findMany({
        where: { unitId: ctx.unitId, periodStart: { gte: monthsBefore(ctx.period.start, 6), lte: ctx.period.end } },
        select: { periodStart: true, value: true, indicator: { select: { name: true } } },
        orderBy: { periodStart: "asc" },
      })
    : [];
  const labels = [...new Set(observations.map((item) => isoDay(item.periodStart).slice(0, 7)))].sort();
  const names = [...new Set(observations.map((item) => item.indicator.name))].slice(0, 4);
  const chart: ReportChart | undefined = labels.length
    ? {
        kind: "line",
        title: "Crime and quality-of-life indicators",
        labels,
        series: names.map((name) => ({
          name,
          values: labels.map((month) =>
            observations
              .filter((item) => item.indicator.name === name && isoDay(item.periodStart).startsWith(month))
              .reduce((sum, item) => sum + item.value, 0),
          ),
        })),
      }
    : undefined;
  const responses = await ctx.db.problemResponse.findMany({
    where: { problem: { unitId: ctx.unitId ?? undefined } },
    select: { status: true },
  });
  const statuses = ["PLANNED", "ACTIVE", "COMPLETED", "DISCONTINUED"] as const;
  const body = [
    chart
      ? `Indicators for the station from ${labels[0]} to ${labels.at(-1)} are charted below.`
      : "No indicator figures were imported for the station for this period.",
    "",
    "Assess here whether current efforts work and what changes to the implementation plan follow.",
  ].join("\n");
  return {
    body,
    ...(chart ? { chart } : {}),
    table: {
      columns: ["Response status", "Responses"],
      rows: statuses.map((status) => [label(status), responses.filter((r) => r.status === status).length]),
    },
  };
}

/** CPP-16: responses planned or changed in the period, each with its basis (result or community input). */
async function plannedResponses(ctx: Ctx): Promise<Built> {
  const responses = await ctx.db.problemResponse.findMany({
    where: { problem: { unitId: ctx.unitId ?? undefined }, updatedAt: inPeriod(ctx) },
    select: { description: true, kind: true, basis: true, status: true, problem: { select: { title: true } } },
    orderBy: { createdAt: "asc" },
  });
  const basisCount = (basis: string) => responses.filter((response) => response.basis === basis).length;
  const body = responses.length
    ? `${responses.length} responses were planned or changed in the period: ${basisCount("RESULT_BASED")} result-based and ${basisCount("COMMUNITY_INPUT_BASED")} based on community input.`
    : "No responses were planned or changed in the period.";
  return {
    body,
    table: {
      columns: ["Problem", "Response", "Kind", "Basis", "Status"],
      rows: responses.map((response) => [
        response.problem.title,
        response.description,
        label(response.kind),
        response.basis === "RESULT_BASED" ? "Result-based" : "Community input",
        label(response.status),
      ]),
    },
  };
}

/** CPP-17: publishing the approved update is how it is shared; the body lists where it was also presented. */
async function communitySharing(ctx: Ctx): Promise<Built> {
  const meetings = await ctx.db.activity.findMany({
    where: { unitId: ctx.unitId ?? undefined, kind: "COMMUNITY_MEETING", startsAt: inPeriod(ctx) },
    select: { title: true, startsAt: true },
    orderBy: { startsAt: "asc" },
  });
  return {
    body: [
      "Once approved, this update is published on the department's public page and in its open data, where anyone can read it without an account.",
      "",
      meetings.length
        ? "Community meetings held by the station in the period, where the plan can be presented:"
        : "The station held no community meetings in the period.",
      ...meetings.map((meeting) => `- ${isoDay(meeting.startsAt)}: ${meeting.title}`),
    ].join("\n"),
  };
}

/** CPP-19: how the station's members stand against the minimum training hours, as a chart. */
async function trainingCompliance(ctx: Ctx): Promise<Built> {
  const members = await ctx.db.member.findMany({
    where: { unitId: ctx.unitId ?? undefined, disabledAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const since =
    ctx.settings.trainingWindowMonths > 0 ? monthsBefore(ctx.period.end, ctx.settings.trainingWindowMonths) : undefined;
  const totals = await ctx.db.trainingRecord.groupBy({
    by: ["memberId"],
    where: {
      memberId: { in: members.map((member) => member.id) },
      completedOn: { lte: ctx.period.end, ...(since ? { gte: since } : {}) },
    },
    _sum: { hours: true },
  });
  const hoursOf = new Map(totals.map((row) => [row.memberId, row._sum.hours ?? 0]));
  const minimum = ctx.settings.minTrainingHours;
  const met = members.filter((member) => (hoursOf.get(member.id) ?? 0) >= minimum).length;
  const body = members.length
    ? `${met} of ${members.length} members assigned to the station have at least ${minimum} hours of community policing and engagement training.`
    : "No members are assigned to the station.";
  return {
    body,
    table: { columns: ["Member", "Hours"], rows: members.map((member) => [member.name, hoursOf.get(member.id) ?? 0]) },
    ...(members.length
      ? {
          chart: {
            kind: "bar" as const,
            title: `Training hours per member (minimum ${minimum})`,
            labels: members.map((member) => member.name),
            series: [{ name: "Hours", values: members.map((member) => hoursOf.get(member.id) ?? 0) }],
          },
        }
      : {}),
  };
}

/**
 * The station's semi-annual Community Policing Plan update (CPP-13 to CPP-17): its four
 * required parts as sections, prepared by the station's commander, approved by the
 * Chief/Sheriff. Publishing the approved update is how it is shared with the community.
 */
export const planUpdateReport = defineReportTemplate<PatrolCppSettings>({
  key: "patrol-cpp.plan-update",
  title: "Community Policing Plan update",
  period: "SEMI_ANNUAL",
  perUnit: true,
  preparedBy: ["UNIT_COMMANDER", "CHIEF"],
  approverRole: "CHIEF",
  approverMustDiffer: true,
  sections: [
    { key: feedbackPart.key, title: feedbackPart.title, clauses: [feedbackPart.clause], build: communityFeedback },
    { key: effectivenessPart.key, title: effectivenessPart.title, clauses: [effectivenessPart.clause], build: effectiveness },
    { key: responsesPart.key, title: responsesPart.title, clauses: [responsesPart.clause], build: plannedResponses },
    { key: sharingPart.key, title: sharingPart.title, clauses: [sharingPart.clause], build: communitySharing },
    { key: "training", title: "Training of the station's members", clauses: ["CPP-19"], build: trainingCompliance },
  ],
});
