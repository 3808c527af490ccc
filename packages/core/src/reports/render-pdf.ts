import PDFDocument from "pdfkit";
import { chartLayout, SERIES_COLOURS } from "./chart-geometry.ts";
import { chartAsTable, type RenderableReport, reportFacts } from "./renderable-report.ts";
import type { ReportChart, ReportSectionContent } from "./report-template.ts";

const MARGIN = 56;

/**
 * The report as a PDF, drawn with pdfkit (pure JavaScript, no browser): title, facts, each
 * section's text and table, and charts drawn with vector lines and rectangles followed by
 * the table of their numbers. Uses the standard PDF fonts, which cover Western European
 * text; other scripts are a known gap (docs/reports.md).
 */
export function renderPdf(report: RenderableReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "LETTER",
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: report.language,
    displayTitle: true,
    info: { Title: report.title, Author: report.agencyName, Subject: `Version ${report.versionNumber}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("Helvetica-Bold").fontSize(20).text(report.title);
  doc.moveDown(0.5).fontSize(9);
  for (const [label, value] of reportFacts(report)) {
    doc.font("Helvetica-Bold").text(`${label}: `, { continued: true }).font("Helvetica").text(value);
  }
  for (const section of report.sections) drawSection(doc, section);
  doc.end();
  return done;
}

function drawSection(doc: PDFKit.PDFDocument, section: ReportSectionContent): void {
  doc.moveDown(1.2).font("Helvetica-Bold").fontSize(14).text(section.title);
  doc.moveDown(0.3).font("Helvetica").fontSize(10.5);
  for (const line of plainLines(section.body)) {
    if (line.heading) doc.font("Helvetica-Bold").text(line.text).font("Helvetica");
    else doc.text(line.text);
  }
  if (section.table) drawTable(doc, section.table);
  if (section.chart) {
    drawChart(doc, section.chart);
    drawTable(doc, chartAsTable(section.chart));
  }
}

/** Markdown reduced to lines a PDF can set: headings bold, bullets as bullets, marks removed. */
function plainLines(markdown: string): { text: string; heading: boolean }[] {
  return markdown
    .split("\n")
    .map((raw) => {
      const heading = /^#{1,6}\s+/.test(raw);
      const text = raw
        .replace(/^#{1,6}\s+/, "")
        .replace(/^\s*[-*+]\s+/, "• ")
        .replace(/\*\*(.+?)\*\*/g, "$1")
        .replace(/\[(.+?)\]\((.+?)\)/g, "$1 ($2)")
        .replace(/`([^`]+)`/g, "$1");
      return { text, heading };
    })
    .filter((line, index, lines) => line.text.trim() !== "" || (index > 0 && lines[index - 1]?.text.trim() !== ""));
}

function drawTable(doc: PDFKit.PDFDocument, table: NonNullable<ReportSectionContent["table"]>): void {
  const width = doc.page.width - MARGIN * 2;
  const columnWidth = width / Math.max(1, table.columns.length);
  const drawRow = (cells: (string | number)[], bold: boolean) => {
    if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
    const top = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(9);
    let bottom = top;
    cells.forEach((cell, index) => {
      doc.text(String(cell), MARGIN + index * columnWidth + 3, top + 3, { width: columnWidth - 6 });
      bottom = Math.max(bottom, doc.y);
    });
    doc
      .rect(MARGIN, top, width, bottom - top + 3)
      .strokeColor("#888")
      .lineWidth(0.5)
      .stroke();
    doc.x = MARGIN;
    doc.y = bottom + 3;
  };
  doc.moveDown(0.5);
  drawRow(table.columns, true);
  for (const row of table.rows) drawRow(row, false);
  doc.font("Helvetica").fontSize(10.5);
}

function drawChart(doc: PDFKit.PDFDocument, chart: ReportChart): void {
  const height = 150;
  if (doc.y > doc.page.height - MARGIN - height - 60) doc.addPage();
  doc.moveDown(0.5).font("Helvetica-Bold").fontSize(10).text(chart.title);
  const box = { left: MARGIN + 30, top: doc.y + 6, width: doc.page.width - MARGIN * 2 - 40, height };
  const layout = chartLayout(chart, box);
  const bottom = box.top + box.height;
  doc.save().strokeColor("#333").lineWidth(0.8);
  doc
    .moveTo(box.left, box.top)
    .lineTo(box.left, bottom)
    .lineTo(box.left + box.width, bottom)
    .stroke();
  chart.series.forEach((series, seriesIndex) => {
    const colour = SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length] ?? "#000";
    if (chart.kind === "bar") {
      series.values.forEach((value, index) => {
        const y = layout.y(value);
        doc.rect(layout.barX(index, seriesIndex), y, layout.barWidth, bottom - y).fill(colour);
      });
    } else if (series.values.length > 0) {
      series.values.forEach((value, index) => {
        if (index === 0) doc.moveTo(layout.x(index), layout.y(value));
        else doc.lineTo(layout.x(index), layout.y(value));
      });
      doc.strokeColor(colour).lineWidth(1.5).stroke();
    }
  });
  doc.restore();
  doc.font("Helvetica").fontSize(7).fillColor("#000");
  doc.text(String(layout.max), MARGIN, box.top - 3, { width: 26, align: "right" });
  doc.text("0", MARGIN, bottom - 6, { width: 26, align: "right" });
  chart.labels.forEach((label, index) => {
    doc.text(label, layout.x(index) - 30, bottom + 3, { width: 60, align: "center" });
  });
  const legend = chart.series.map((series) => series.name).join("   ·   ");
  doc.text(legend, MARGIN, bottom + 14, { width: doc.page.width - MARGIN * 2, align: "center" });
  doc.x = MARGIN;
  doc.fontSize(10.5);
}
