import { chartAsTable, type RenderableReport, reportFacts } from "./renderable-report.ts";
import type { ReportSectionContent } from "./report-template.ts";

/**
 * The report as one Markdown document: title, facts (period, version, approval, content
 * hash), then each section with its table, and each chart as the table of its numbers.
 */
export function renderMarkdown(report: RenderableReport): string {
  const parts = [
    `# ${report.title}`,
    reportFacts(report)
      .map(([label, value]) => `- **${label}:** ${value}`)
      .join("\n"),
  ];
  for (const section of report.sections) {
    parts.push(`## ${section.title}`);
    if (section.body.trim()) parts.push(section.body.trim());
    if (section.table) parts.push(markdownTable(section.table));
    if (section.chart) parts.push(`*Chart: ${section.chart.title}*`, markdownTable(chartAsTable(section.chart)));
  }
  return `${parts.join("\n\n")}\n`;
}

function markdownTable(table: NonNullable<ReportSectionContent["table"]>): string {
  const cell = (value: string | number) => String(value).replaceAll("|", "\\|").replaceAll("\n", " ");
  return [
    `| ${table.columns.map(cell).join(" | ")} |`,
    `| ${table.columns.map(() => "---").join(" | ")} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}
