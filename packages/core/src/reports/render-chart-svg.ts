import { chartLayout, SERIES_COLOURS } from "./chart-geometry.ts";
import { escapeHtml } from "./renderable-report.ts";
import type { ReportChart } from "./report-template.ts";

const WIDTH = 600;
const HEIGHT = 260;
const BOX = { left: 50, top: 20, width: 530, height: 190 };

/**
 * A line or bar chart as inline SVG with `role="img"`, a title and a description that says
 * in words what it shows; the renderer puts the table of its numbers next to it.
 */
export function renderChartSvg(chart: ReportChart, id: string): string {
  const layout = chartLayout(chart, BOX);
  const bottom = BOX.top + BOX.height;
  const marks: string[] = [];
  chart.series.forEach((series, seriesIndex) => {
    const colour = SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length];
    if (chart.kind === "bar") {
      series.values.forEach((value, index) => {
        const y = layout.y(value);
        marks.push(
          `<rect x="${round(layout.barX(index, seriesIndex))}" y="${round(y)}" width="${round(layout.barWidth)}" height="${round(bottom - y)}" fill="${colour}"/>`,
        );
      });
    } else {
      const points = series.values.map((value, index) => `${round(layout.x(index))},${round(layout.y(value))}`).join(" ");
      marks.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    }
  });
  const labels = chart.labels
    .map(
      (label, index) =>
        `<text x="${round(layout.x(index))}" y="${bottom + 16}" font-size="11" text-anchor="middle">${escapeHtml(label)}</text>`,
    )
    .join("");
  const legend = chart.series
    .map(
      (series, index) =>
        `<text x="${BOX.left + index * 150}" y="${HEIGHT - 8}" font-size="11" fill="${SERIES_COLOURS[index % SERIES_COLOURS.length]}">■ ${escapeHtml(series.name)}</text>`,
    )
    .join("");
  return `<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${escapeHtml(chart.title)}</title>
<desc id="${id}-desc">${escapeHtml(describeChart(chart))}</desc>
<line x1="${BOX.left}" y1="${bottom}" x2="${BOX.left + BOX.width}" y2="${bottom}" stroke="#333"/>
<line x1="${BOX.left}" y1="${BOX.top}" x2="${BOX.left}" y2="${bottom}" stroke="#333"/>
<text x="${BOX.left - 6}" y="${BOX.top + 4}" font-size="11" text-anchor="end">${layout.max}</text>
<text x="${BOX.left - 6}" y="${bottom}" font-size="11" text-anchor="end">0</text>
${marks.join("\n")}
${labels}
${legend}
</svg>`;
}

/** The chart in one sentence, for readers who cannot see it. */
export function describeChart(chart: ReportChart): string {
  const span = chart.labels.length > 0 ? ` from ${chart.labels[0]} to ${chart.labels.at(-1)}` : "";
  const series = chart.series
    .map((item) => `${item.name}: ${item.values.length ? `${item.values[0]} to ${item.values.at(-1)}` : "no values"}`)
    .join("; ");
  return `${chart.kind === "bar" ? "Bar" : "Line"} chart${span}. ${series}.`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
