import type { ReportSectionContent } from "./report-template.ts";

/**
 * Everything a renderer needs, and nothing more: renderers never see the database, so what
 * a published document can contain is decided in one place (who builds this object).
 */
export interface RenderableReport {
  title: string;
  agencyName: string;
  /** BCP 47 language of the text, for the HTML `lang` attribute and PDF metadata. */
  language: string;
  periodStart: Date;
  periodEnd: Date;
  unitName?: string | null;
  status: string;
  versionNumber: number;
  contentHash: string;
  /** The approval of this version, when there is one. Names the role, never the person. */
  approval?: { role: string; decidedAt: Date } | null;
  publishedAt?: Date | null;
  sections: ReportSectionContent[];
}

/** A calendar day as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The lines under the title every rendering shows, in the same order. */
export function reportFacts(report: RenderableReport): [label: string, value: string][] {
  const facts: [string, string][] = [
    ["Agency", report.agencyName],
    ["Period", `${isoDay(report.periodStart)} to ${isoDay(report.periodEnd)}`],
  ];
  if (report.unitName) facts.push(["Unit", report.unitName]);
  facts.push(["Status", report.status], ["Version", String(report.versionNumber)]);
  if (report.approval)
    facts.push(["Approved", `by the ${roleLabel(report.approval.role)} on ${isoDay(report.approval.decidedAt)}`]);
  if (report.publishedAt) facts.push(["Published", isoDay(report.publishedAt)]);
  facts.push(["Content SHA-256", report.contentHash]);
  return facts;
}

/** `UNIT_COMMANDER` -> `unit commander`. */
export function roleLabel(role: string): string {
  return role === "CHIEF" ? "Chief/Sheriff" : role.toLowerCase().replaceAll("_", " ");
}

/** A chart's numbers as a table: labels down the side, one column per series. */
export function chartAsTable(chart: NonNullable<ReportSectionContent["chart"]>): {
  columns: string[];
  rows: (string | number)[][];
} {
  return {
    columns: ["", ...chart.series.map((series) => series.name)],
    rows: chart.labels.map((label, index) => [label, ...chart.series.map((series) => series.values[index] ?? "")]),
  };
}

/** Text made safe to place in HTML or XML text and attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
