import type { Context } from "../context.ts";
import { findTemplate } from "../reports/available-templates.ts";
import { renderHtml } from "../reports/render-html.ts";
import { renderMarkdown } from "../reports/render-markdown.ts";
import { renderPdf } from "../reports/render-pdf.ts";
import type { RenderableReport } from "../reports/renderable-report.ts";
import { loadRenderable, type ReportRow } from "../reports/report-versions.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { builder } from "./builder.ts";

export const ReportFormat = builder.enumType("ReportFormat", {
  description: "A text rendering of a report. PDF is served as `pdfBase64` and at /agencies/:slug/reports/:id.pdf.",
  values: ["MARKDOWN", "HTML"] as const,
});

export type ReportFormatName = "MARKDOWN" | "HTML";

export function renderAs(renderable: RenderableReport, format: ReportFormatName): string {
  return format === "HTML" ? renderHtml(renderable) : renderMarkdown(renderable);
}

/** Renders one version of a report for agency staff; null when there is no such version. */
export async function renderReport(
  ctx: Context,
  report: ReportRow & { templateKey: string },
  versionNumber: number,
  format: ReportFormatName | "PDF",
): Promise<string | null> {
  const renderable = await renderableFor(
    ctx.db,
    report,
    versionNumber,
    (await findTemplate(ctx.profiles, report.templateKey))?.approverRole,
  );
  if (!renderable) return null;
  return format === "PDF" ? (await renderPdf(renderable)).toString("base64") : renderAs(renderable, format);
}

export function renderableFor(db: TenantDb, report: ReportRow, versionNumber: number, approverRole?: string) {
  return loadRenderable(db, report, versionNumber, { approverRole });
}
