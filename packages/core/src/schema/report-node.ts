import { userError } from "../errors.ts";
import { contentHash } from "../reports/content-hash.ts";
import { diffReportVersions } from "../reports/report-diff.ts";
import type { ReportChart, ReportSectionContent } from "../reports/report-template.ts";
import { publishedVersionNumber, sectionsOf } from "../reports/report-versions.ts";
import { builder } from "./builder.ts";
import { ReportFormat, renderReport } from "./report-rendering.ts";
import { CalendarDate } from "./trend-calendar-date.ts";

export const ReportStatus = builder.enumType("ReportStatus", {
  description: "DRAFT -> SUBMITTED -> APPROVED -> PUBLISHED; RETURNED with comments goes back to the preparer.",
  values: ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"] as const,
});

const ReportDecisionKind = builder.enumType("ReportDecisionKind", { values: ["APPROVED", "RETURNED"] as const });

const ReportChartSeries = builder.objectRef<ReportChart["series"][number]>("ReportChartSeries").implement({
  authScopes: { member: true },
  fields: (t) => ({ name: t.exposeString("name"), values: t.exposeFloatList("values") }),
});

const ReportChartRef = builder.objectRef<ReportChart>("ReportChart").implement({
  description: "Numbers a renderer draws as a line or bar chart (and lists as a table beside it).",
  authScopes: { member: true },
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "`line` or `bar`." }),
    title: t.exposeString("title"),
    labels: t.exposeStringList("labels"),
    series: t.field({ type: [ReportChartSeries], resolve: (chart) => chart.series }),
  }),
});

const ReportTableRow = builder.objectRef<(string | number)[]>("ReportTableRow").implement({
  authScopes: { member: true },
  fields: (t) => ({ cells: t.stringList({ resolve: (row) => row.map(String) }) }),
});

const ReportTable = builder.objectRef<NonNullable<ReportSectionContent["table"]>>("ReportTable").implement({
  authScopes: { member: true },
  fields: (t) => ({
    columns: t.exposeStringList("columns"),
    rows: t.field({ type: [ReportTableRow], resolve: (table) => table.rows }),
  }),
});

const ReportSection = builder.objectRef<ReportSectionContent>("ReportSection").implement({
  description: "One section of a report version.",
  authScopes: { member: true },
  fields: (t) => ({
    key: t.exposeString("key"),
    title: t.exposeString("title"),
    body: t.exposeString("body", { description: "Markdown." }),
    chart: t.field({ type: ReportChartRef, nullable: true, resolve: (section) => section.chart ?? null }),
    table: t.field({ type: ReportTable, nullable: true, resolve: (section) => section.table ?? null }),
  }),
});

export const ReportVersion = builder.prismaObject("ReportVersion", {
  description: "One immutable version of a report's content.",
  authScopes: { member: true },
  fields: (t) => ({
    number: t.exposeInt("number"),
    contentHash: t.exposeString("contentHash", { description: "SHA-256 of the sections in canonical JSON." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    createdBy: t.relation("createdBy", { nullable: true }),
    sections: t.field({ type: [ReportSection], resolve: (version) => sectionsOf(version) }),
    intact: t.boolean({
      description: "The stored content still hashes to the stored hash (false means it was altered outside the API).",
      resolve: (version) => contentHash(sectionsOf(version)) === version.contentHash,
    }),
  }),
});

builder.prismaObject("ReportDecision", {
  description: "An approval or a return of one version, with the hash of the content decided on.",
  authScopes: { member: true },
  fields: (t) => ({
    decision: t.expose("decision", { type: ReportDecisionKind }),
    versionNumber: t.exposeInt("versionNumber"),
    contentHash: t.exposeString("contentHash"),
    comment: t.exposeString("comment", { nullable: true }),
    decider: t.relation("decider"),
    decidedAt: t.expose("decidedAt", { type: "DateTime" }),
  }),
});

const SectionChange = builder.enumType("ReportSectionChange", { values: ["ADDED", "REMOVED", "CHANGED", "UNCHANGED"] as const });
const DiffLineKind = builder.enumType("ReportDiffLineKind", { values: ["ADDED", "REMOVED", "SAME"] as const });

const ReportDiffLine = builder.objectRef<{ kind: "ADDED" | "REMOVED" | "SAME"; text: string }>("ReportDiffLine").implement({
  authScopes: { member: true },
  fields: (t) => ({ kind: t.expose("kind", { type: DiffLineKind }), text: t.exposeString("text") }),
});

const ReportSectionDiff = builder.objectRef<ReturnType<typeof diffReportVersions>[number]>("ReportSectionDiff").implement({
  description: "How one section differs between two versions.",
  authScopes: { member: true },
  fields: (t) => ({
    key: t.exposeString("key"),
    title: t.exposeString("title"),
    change: t.expose("change", { type: SectionChange }),
    dataChanged: t.exposeBoolean("dataChanged", { description: "The chart or table changed." }),
    lines: t.field({ type: [ReportDiffLine], resolve: (diff) => diff.lines }),
  }),
});

export const Report = builder.prismaNode("Report", {
  description: "A periodic report built from a profile's template; approved versions never change.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    title: t.exposeString("title"),
    templateKey: t.exposeString("templateKey"),
    profileId: t.exposeString("profileId"),
    periodStart: t.expose("periodStart", { type: CalendarDate }),
    periodEnd: t.expose("periodEnd", { type: CalendarDate }),
    unit: t.relation("unit", { nullable: true }),
    status: t.expose("status", { type: ReportStatus }),
    currentVersionNumber: t.exposeInt("currentVersion"),
    preparedBy: t.relation("preparedBy", { nullable: true }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    publishedVersionNumber: t.int({
      nullable: true,
      description: "The version the community sees, while the report is published.",
      resolve: (report, _args, ctx) => publishedVersionNumber(ctx.db, report),
    }),
    version: t.exposeInt("version", { description: "Row version; bumps on every change." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    currentVersion: t.prismaField({
      type: ReportVersion,
      resolve: (query, report, _args, ctx) =>
        ctx.db.reportVersion.findUniqueOrThrow({
          ...query,
          where: { reportId_number: { reportId: report.id, number: report.currentVersion } },
        }),
    }),
    versions: t.relation("versions", { description: "Every version, newest first.", query: { orderBy: { number: "desc" } } }),
    decisions: t.relation("decisions", {
      description: "Approvals and returns, oldest first.",
      query: { orderBy: { decidedAt: "asc" } },
    }),
    diff: t.field({
      type: [ReportSectionDiff],
      description: "What changed from one version to another, section by section.",
      args: { from: t.arg.int({ required: true }), to: t.arg.int({ required: true }) },
      resolve: async (report, args, ctx) => {
        const versions = await ctx.db.reportVersion.findMany({
          where: { reportId: report.id, number: { in: [args.from, args.to] } },
        });
        const find = (number: number, field: string) => {
          const version = versions.find((candidate) => candidate.number === number);
          if (!version) throw versionNotFound(field, number);
          return sectionsOf(version);
        };
        return diffReportVersions(find(args.from, "from"), find(args.to, "to"));
      },
    }),
    rendered: t.string({
      description: "The report as a document; the current version unless `version` names another.",
      args: { format: t.arg({ type: ReportFormat, required: true }), version: t.arg.int({ required: false }) },
      resolve: async (report, args, ctx) => {
        const number = args.version ?? report.currentVersion;
        const output = await renderReport(ctx, report, number, args.format);
        if (output === null) throw versionNotFound("version", number);
        return output;
      },
    }),
    pdfBase64: t.string({
      description: "The report as a PDF, base64-encoded; the current version unless `version` names another.",
      args: { version: t.arg.int({ required: false }) },
      resolve: async (report, args, ctx) => {
        const number = args.version ?? report.currentVersion;
        const output = await renderReport(ctx, report, number, "PDF");
        if (output === null) throw versionNotFound("version", number);
        return output;
      },
    }),
  }),
});

function versionNotFound(field: string, number: number) {
  const message = `the report has no version ${number}`;
  return userError("NOT_FOUND", `${field}: ${message}`, { fields: [{ field, message }] });
}
