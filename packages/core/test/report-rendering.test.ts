import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "../src/reports/content-hash.ts";
import { renderHtml } from "../src/reports/render-html.ts";
import { renderMarkdown } from "../src/reports/render-markdown.ts";
import { renderPdf } from "../src/reports/render-pdf.ts";
import type { RenderableReport } from "../src/reports/renderable-report.ts";
import { diffReportVersions } from "../src/reports/report-diff.ts";
import { periodEnd } from "../src/reports/report-period.ts";

const report: RenderableReport = {
  title: "Community Policing Plan update — Harbor Station",
  agencyName: "Metro County Sheriff",
  language: "en",
  periodStart: new Date("2026-01-01T00:00:00Z"),
  periodEnd: new Date("2026-06-30T00:00:00Z"),
  unitName: "Harbor Station",
  status: "PUBLISHED",
  versionNumber: 3,
  contentHash: "ab".repeat(32),
  approval: { role: "CHIEF", decidedAt: new Date("2026-07-10T12:00:00Z") },
  publishedAt: new Date("2026-07-11T12:00:00Z"),
  sections: [
    {
      key: "community-feedback",
      title: "Community feedback from surveys and meetings",
      body: "We heard 42 comments.\n\n### Priorities\n\n- Speeding near schools\n- <script>alert(1)</script>",
      table: {
        columns: ["Topic", "Comments"],
        rows: [
          ["Public safety", 30],
          ["Quality of life", 12],
        ],
      },
      chart: {
        kind: "bar",
        title: "Feedback by topic",
        labels: ["Public safety", "Quality of life"],
        series: [{ name: "Comments", values: [30, 12] }],
      },
    },
    {
      key: "effectiveness",
      title: "Effectiveness of current efforts",
      body: "Burglaries fell.",
      chart: {
        kind: "line",
        title: "Burglaries per month",
        labels: ["Jan", "Feb", "Mar"],
        series: [{ name: "Burglaries", values: [14, 11, 9] }],
      },
    },
  ],
};

// pdf.js reads the metrics of the 14 standard PDF fonts (which pdfkit uses) from its own package.
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

async function pdfText(buffer: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(buffer), standardFontDataUrl, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await pdf.destroy();
  return pages.join("\n").replace(/\s+/g, " ");
}

describe("report rendering", () => {
  it("writes Markdown with the title, the facts, every section and the chart's numbers as a table", () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/^# Community Policing Plan update — Harbor Station\n/);
    expect(markdown).toContain("- **Approved:** by the Chief/Sheriff on 2026-07-10");
    expect(markdown).toContain(`- **Content SHA-256:** ${"ab".repeat(32)}`);
    expect(markdown).toContain("## Community feedback from surveys and meetings");
    expect(markdown).toContain("| Topic | Comments |\n| --- | --- |\n| Public safety | 30 |");
    expect(markdown).toContain("*Chart: Burglaries per month*");
    expect(markdown).toContain("| Feb | 11 |");
  });

  it("writes accessible, printable HTML: lang, one h1, h2 per section, scoped headers, charts with text alternatives", () => {
    const html = renderHtml(report);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain("<title>Community Policing Plan update — Harbor Station</title>");
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h2 id="section-1">Community feedback from surveys and meetings</h2>');
    // A heading inside a section body sits below the section's h2.
    expect(html).toContain("<h3>Priorities</h3>");
    expect(html).toContain('<th scope="col">Topic</th>');
    expect(html).toContain('<th scope="row">Public safety</th><td>30</td>');
    expect(html).toMatch(/<svg role="img" aria-labelledby="section-2-chart-title section-2-chart-desc"/);
    expect(html).toContain('<desc id="section-2-chart-desc">Line chart from Jan to Mar. Burglaries: 14 to 9.</desc>');
    expect(html).toContain("<caption>Burglaries per month: data</caption>");
    expect(html).toContain("@media print");
  });

  it("escapes HTML typed into a section, so a published page cannot run script", () => {
    const html = renderHtml(report);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("writes a PDF whose text reads back: title, facts, section titles, table cells and chart labels", async () => {
    const pdf = await renderPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(pdf);
    expect(text).toContain("Community Policing Plan update");
    expect(text).toContain("Harbor Station");
    expect(text).toContain("Community feedback from surveys and meetings");
    expect(text).toContain("Effectiveness of current efforts");
    expect(text).toContain("Burglaries per month");
    expect(text).toContain("Quality of life");
    expect(text).toContain("Speeding near schools");
  });

  it("draws charts as vector shapes in the PDF, not as images", async () => {
    const pdf = (await renderPdf(report, { compress: false })).toString("latin1");
    // Bars are filled rectangles ("re" ... "f"), lines are stroked paths ("l" ... "S").
    expect(pdf).toMatch(/re\s*\n?f/);
    expect(pdf).toMatch(/ l\n[\s\S]*S\n/);
    expect(pdf).not.toContain("/Subtype /Image");
  });
});

describe("report integrity helpers", () => {
  it("hashes content independently of key order", () => {
    const a = [{ key: "x", title: "X", body: "b", table: { columns: ["c"], rows: [[1]] } }];
    const b = [{ table: { rows: [[1]], columns: ["c"] }, body: "b", title: "X", key: "x" }];
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash([{ ...a[0]!, body: "c" }]));
  });

  it("reports added and removed sections", () => {
    const diff = diffReportVersions([{ key: "a", title: "A", body: "one" }], [{ key: "b", title: "B", body: "two" }]);
    expect(diff).toEqual([
      { key: "b", title: "B", change: "ADDED", lines: [{ kind: "ADDED", text: "two" }], dataChanged: true },
      { key: "a", title: "A", change: "REMOVED", lines: [{ kind: "REMOVED", text: "one" }], dataChanged: true },
    ]);
  });

  it("ends periods on the last day before the next one starts", () => {
    expect(periodEnd(new Date("2026-01-01T00:00:00Z"), "SEMI_ANNUAL").toISOString().slice(0, 10)).toBe("2026-06-30");
    expect(periodEnd(new Date("2026-07-01T00:00:00Z"), "SEMI_ANNUAL").toISOString().slice(0, 10)).toBe("2026-12-31");
    expect(periodEnd(new Date("2025-01-01T00:00:00Z"), "ANNUAL").toISOString().slice(0, 10)).toBe("2025-12-31");
  });
});
