import MarkdownIt from "markdown-it";
import { renderChartSvg } from "./render-chart-svg.ts";
import { chartAsTable, escapeHtml, type RenderableReport, reportFacts } from "./renderable-report.ts";
import type { ReportSectionContent } from "./report-template.ts";

// html: false escapes any HTML an editor typed, so a published page cannot carry script.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// The document owns h1 (title) and h2 (sections): a body's highest heading becomes h3 and
// the rest keep their distance from it, so the outline has no gaps.
markdown.renderer.rules.heading_open = (tokens, index, _options, env: { shift: number }) =>
  `<h${Math.min(6, levelOf(tokens[index]?.tag) + env.shift)}>`;
markdown.renderer.rules.heading_close = (tokens, index, _options, env: { shift: number }) =>
  `</h${Math.min(6, levelOf(tokens[index]?.tag) + env.shift)}>`;
markdown.renderer.rules.th_open = (tokens, index, options, _env, self) => {
  tokens[index]?.attrSet("scope", "col");
  return self.renderToken(tokens, index, options);
};

function levelOf(tag = "h1"): number {
  return Number(tag.slice(1));
}

function renderBody(body: string): string {
  const env = { shift: 2 };
  const tokens = markdown.parse(body, env);
  const levels = tokens.filter((token) => token.type === "heading_open").map((token) => levelOf(token.tag));
  if (levels.length) env.shift = 3 - Math.min(...levels);
  return markdown.renderer.render(tokens, markdown.options, env);
}

const PRINT_CSS = `
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.8rem}h2{font-size:1.35rem;border-bottom:1px solid #999;margin-top:2rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #666;padding:.25rem .5rem;text-align:left}
caption{font-weight:600;text-align:left;padding-bottom:.25rem}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}figure{margin:1rem 0}svg{max-width:100%;height:auto}
@media print{body{max-width:none;margin:0;font-size:11pt}section{break-inside:avoid-page}h2{break-after:avoid}a{color:inherit}}
`.trim();

/**
 * The report as a standalone, printable HTML document meant to pass an accessibility
 * review: a `lang` attribute, one h1 and h2 per section, table headers with `scope`,
 * charts as SVG with a text alternative plus the table of their numbers, print styles.
 */
export function renderHtml(report: RenderableReport): string {
  const facts = reportFacts(report)
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join("");
  const sections = report.sections.map((section, index) => renderSection(section, index)).join("\n");
  return `<!doctype html>
<html lang="${escapeHtml(report.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.title)}</h1>
<dl class="facts">${facts}</dl>
</header>
<main>
${sections}
</main>
</body>
</html>
`;
}

function renderSection(section: ReportSectionContent, index: number): string {
  const id = `section-${index + 1}`;
  const parts = [`<section aria-labelledby="${id}">`, `<h2 id="${id}">${escapeHtml(section.title)}</h2>`];
  if (section.body.trim()) parts.push(renderBody(section.body));
  if (section.table) parts.push(htmlTable(section.table, `${section.title}: figures`));
  if (section.chart) {
    const chartId = `${id}-chart`;
    parts.push(
      `<figure aria-labelledby="${chartId}-caption">`,
      renderChartSvg(section.chart, chartId),
      `<figcaption id="${chartId}-caption">${escapeHtml(section.chart.title)} (the numbers follow in a table)</figcaption>`,
      "</figure>",
      htmlTable(chartAsTable(section.chart), `${section.chart.title}: data`),
    );
  }
  parts.push("</section>");
  return parts.join("\n");
}

function htmlTable(table: NonNullable<ReportSectionContent["table"]>, caption: string): string {
  const head = table.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("");
  const rows = table.rows
    .map(
      (row) =>
        `<tr>${row
          .map((cell, index) => (index === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`))
          .join("")}</tr>`,
    )
    .join("\n");
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}
