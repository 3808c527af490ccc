import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../context.ts";
import { renderPdf } from "../reports/render-pdf.ts";
import { loadRenderable, publishedVersions } from "../reports/report-versions.ts";
import type { AgencyScope } from "../tenancy/agency-by-slug.ts";
import { builder } from "./builder.ts";
import { decodeIdOf } from "./global-id.ts";
import { renderAs } from "./report-rendering.ts";
import { CalendarDate } from "./trend-calendar-date.ts";

/*
 * What anyone may read about an agency without an account. Every type here is built from
 * plain objects that list their fields one by one: nothing reaches the public by exposing a
 * database row, so personal data, internal notes, minutes, submitters and anything not yet
 * published cannot slip through a new column.
 */

interface PublicReportData {
  scope: AgencyScope;
  reportId: string;
  title: string;
  templateKey: string;
  periodStart: Date;
  periodEnd: Date;
  unitName: string | null;
  publishedAt: Date;
  versionNumber: number;
  contentHash: string;
}

interface PublicMeetingData {
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  location: string | null;
  unitName: string | null;
  languages: string[];
}

const PUBLIC = { public: true } as const;
const MAX_PUBLISHED = 200;
const MAX_MEETINGS = 100;

async function renderPublic(report: PublicReportData) {
  const row = await report.scope.db.report.findUniqueOrThrow({ where: { id: report.reportId } });
  // Published documents say "approved by the Chief/Sheriff", not who: no names for the public.
  const renderable = await loadRenderable(report.scope.db, row, report.versionNumber, {
    approverRole: "CHIEF",
    status: "PUBLISHED",
  });
  if (!renderable) throw new Error(`published version ${report.versionNumber} of a report is missing`);
  return renderable;
}

const PublicReport = builder.objectRef<PublicReportData>("PublicReport").implement({
  description: "A report the agency approved and published: the approved version, never a later draft.",
  authScopes: PUBLIC,
  fields: (t) => ({
    id: t.id({
      description: "The report's ID (for the PDF at /agencies/:slug/reports/:id.pdf).",
      resolve: (report) => encodeGlobalID("Report", report.reportId),
    }),
    title: t.exposeString("title"),
    templateKey: t.exposeString("templateKey"),
    periodStart: t.expose("periodStart", { type: CalendarDate }),
    periodEnd: t.expose("periodEnd", { type: CalendarDate }),
    unitName: t.exposeString("unitName", { nullable: true }),
    publishedAt: t.expose("publishedAt", { type: "DateTime" }),
    versionNumber: t.exposeInt("versionNumber"),
    contentHash: t.exposeString("contentHash", { description: "SHA-256 of the approved content, as the approval recorded it." }),
    markdown: t.string({ resolve: async (report) => renderAs(await renderPublic(report), "MARKDOWN") }),
    html: t.string({
      description: "A standalone, printable, accessible HTML document.",
      resolve: async (report) => renderAs(await renderPublic(report), "HTML"),
    }),
    pdfBase64: t.string({ resolve: async (report) => (await renderPdf(await renderPublic(report))).toString("base64") }),
  }),
});

const PublicPlanSummary = builder.objectRef<{ unitName: string; report: PublicReportData }>("PublicPlanSummary").implement({
  description: "The latest published per-unit report (a station's plan update) of one unit.",
  authScopes: PUBLIC,
  fields: (t) => ({
    unitName: t.exposeString("unitName"),
    report: t.field({ type: PublicReport, resolve: (summary) => summary.report }),
  }),
});

const PublicMeeting = builder.objectRef<PublicMeetingData>("PublicMeeting").implement({
  description: "A community meeting the department sponsors, still to come.",
  authScopes: PUBLIC,
  fields: (t) => ({
    title: t.exposeString("title"),
    startsAt: t.expose("startsAt", { type: "DateTime" }),
    endsAt: t.expose("endsAt", { type: "DateTime", nullable: true }),
    location: t.exposeString("location", { nullable: true }),
    unitName: t.exposeString("unitName", { nullable: true }),
    languages: t.exposeStringList("languages", { description: "Languages an interpreter is arranged for." }),
  }),
});

const PublicAgency = builder.objectRef<AgencyScope>("PublicAgency").implement({
  description: "What an agency published, for anyone: no account needed.",
  authScopes: PUBLIC,
  fields: (t) => ({
    name: t.exposeString("name"),
    slug: t.exposeString("slug"),
    publishedReports: t.field({
      type: [PublicReport],
      description: "Published reports, most recently published first.",
      resolve: (scope) => publishedReports(scope),
    }),
    publishedReport: t.field({
      type: PublicReport,
      nullable: true,
      args: { id: t.arg.id({ required: true }) },
      resolve: async (scope, args) => {
        const id = decodeIdOf("Report", String(args.id));
        return id ? ((await publishedReports(scope, id))[0] ?? null) : null;
      },
    }),
    planSummaries: t.field({
      type: [PublicPlanSummary],
      description: "Per unit (each patrol station), its latest published plan update.",
      resolve: async (scope) => {
        const latest = new Map<string, PublicReportData>();
        for (const report of await publishedReports(scope)) {
          if (!report.unitName) continue;
          const key = `${report.unitName}\u0000${report.templateKey}`;
          const seen = latest.get(key);
          if (!seen || seen.periodStart < report.periodStart) latest.set(key, report);
        }
        return [...latest.values()]
          .sort((a, b) => (a.unitName ?? "").localeCompare(b.unitName ?? ""))
          .map((report) => ({ unitName: report.unitName ?? "", report }));
      },
    }),
    upcomingMeetings: t.field({
      type: [PublicMeeting],
      description: "Department-sponsored community meetings from now on, soonest first.",
      resolve: (scope) => upcomingMeetings(scope),
    }),
  }),
});

async function publishedReports(scope: AgencyScope, onlyId?: string): Promise<PublicReportData[]> {
  const rows = await scope.db.report.findMany({
    where: { publishedAt: { not: null }, ...(onlyId ? { id: onlyId } : {}) },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: MAX_PUBLISHED,
    include: { unit: { select: { name: true } } },
  });
  const versions = await publishedVersions(scope.db, rows);
  const result: PublicReportData[] = [];
  for (const row of rows) {
    const version = versions.get(row.id);
    if (!version || !row.publishedAt) continue;
    result.push({
      scope,
      reportId: row.id,
      title: row.title,
      templateKey: row.templateKey,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      unitName: row.unit?.name ?? null,
      publishedAt: row.publishedAt,
      versionNumber: version.number,
      contentHash: version.contentHash,
    });
  }
  return result;
}

/** Meetings are asked for from the start of the current minute (see upcomingMeetings). */
const MINUTE_MS = 60_000;

async function upcomingMeetings(scope: AgencyScope): Promise<PublicMeetingData[]> {
  const now = new Date();
  // The bound is the minute, not the millisecond: a query's text must repeat for its compiled
  // plan to be reused (packages/db/src/query-plan-cache.ts), and a page asked all day would
  // otherwise be compiled afresh on every request. Meetings that began within the minute are
  // dropped below, so the page still lists exactly those still to come.
  const minute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  const rows = await scope.db.activity.findMany({
    where: { kind: "COMMUNITY_MEETING", departmentSponsored: true, startsAt: { gt: minute } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_MEETINGS,
    select: {
      title: true,
      startsAt: true,
      endsAt: true,
      location: true,
      unit: { select: { name: true } },
      // Only whether an interpreter is arranged, never who.
      languageRequests: {
        where: { OR: [{ interpreterMemberId: { not: null } }, { volunteerName: { not: null } }] },
        select: { language: true },
      },
    },
  });
  return rows
    .filter((row) => row.startsAt > now)
    .map((row) => ({
      title: row.title,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      location: row.location,
      unitName: row.unit?.name ?? null,
      languages: row.languageRequests.map((request) => request.language).sort(),
    }));
}

builder.queryField("publicAgency", (t) =>
  t.field({
    type: PublicAgency,
    nullable: true,
    authScopes: PUBLIC,
    description: "What an agency published, for anyone; null when no agency has this slug.",
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx: Context) => (args.slug.length > 100 ? null : ctx.scopeBySlug(args.slug)),
  }),
);
