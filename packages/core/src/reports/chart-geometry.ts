import type { ReportChart } from "./report-template.ts";

/** Where a chart's marks go inside a plot box: shared by the SVG and the PDF renderer. */
export interface ChartLayout {
  max: number;
  /** x of the centre of category `index`. */
  x(index: number): number;
  /** y of `value` (the box's bottom is 0). */
  y(value: number): number;
  /** Width of one bar of one series in a bar chart. */
  barWidth: number;
  /** x of the left edge of series `seriesIndex`'s bar in category `index`. */
  barX(index: number, seriesIndex: number): number;
}

/** Accessible colours that stay apart in greyscale print too. */
export const SERIES_COLOURS = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#7f6000", "#2e75b6"];

export function chartLayout(chart: ReportChart, box: { left: number; top: number; width: number; height: number }): ChartLayout {
  const values = chart.series.flatMap((series) => series.values).filter((value) => Number.isFinite(value));
  const max = niceMax(Math.max(0, ...values));
  const count = Math.max(1, chart.labels.length);
  const step = box.width / count;
  const seriesCount = Math.max(1, chart.series.length);
  const barWidth = (step * 0.7) / seriesCount;
  return {
    max,
    x: (index) => box.left + step * (index + 0.5),
    y: (value) => box.top + box.height - (max === 0 ? 0 : (Math.max(0, value) / max) * box.height),
    barWidth,
    barX: (index, seriesIndex) => box.left + step * index + step * 0.15 + barWidth * seriesIndex,
  };
}

/** 1, 2 or 5 times a power of ten at or above `value`, so the axis reads in round numbers. */
function niceMax(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= value) return factor * power;
  return 10 * power;
}
