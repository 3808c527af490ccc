import type { Ratio } from "../suite/types.ts";

const WIDTH = 760;
const LABEL_WIDTH = 330;
const BAR_HEIGHT = 18;
const ROW_HEIGHT = 30;
const TOP = 46;

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A horizontal bar per ratio, on one scale, with the target drawn as a tick where there is
 * one: green when the ratio meets it, red when it misses, grey without a target.
 */
export function ratioChartSvg(ratios: Ratio[], title: string): string {
  const largest = Math.max(1.2, ...ratios.map((r) => r.value), ...ratios.map((r) => r.atLeast ?? 0));
  const scaleMax = Math.ceil(largest * 2) / 2;
  const plotWidth = WIDTH - LABEL_WIDTH - 70;
  const x = (value: number) => LABEL_WIDTH + (Math.min(value, scaleMax) / scaleMax) * plotWidth;
  const height = TOP + ratios.length * ROW_HEIGHT + 40;
  const rows = ratios.map((ratio, index) => {
    const y = TOP + index * ROW_HEIGHT;
    const met = ratio.atLeast === undefined ? undefined : ratio.value >= ratio.atLeast;
    const color = met === undefined ? "#8a8f98" : met ? "#2e8540" : "#c0392b";
    const target =
      ratio.atLeast === undefined
        ? ""
        : `<line x1="${x(ratio.atLeast)}" x2="${x(ratio.atLeast)}" y1="${y - 3}" y2="${y + BAR_HEIGHT + 3}" stroke="#111" stroke-width="2"><title>target ${ratio.atLeast.toFixed(2)}x</title></line>`;
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 13}" text-anchor="end">${escapeXml(ratio.name)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${Math.max(1, x(ratio.value) - LABEL_WIDTH)}" height="${BAR_HEIGHT}" fill="${color}"/>`,
      `<text x="${x(ratio.value) + 6}" y="${y + 13}">${ratio.value.toFixed(2)}x</text>`,
      target,
    ].join("");
  });
  const ticks = Array.from({ length: Math.round(scaleMax / 0.5) + 1 }, (_, index) => index * 0.5).map(
    (value) =>
      `<line x1="${x(value)}" x2="${x(value)}" y1="${TOP - 6}" y2="${height - 34}" stroke="#e3e5e8"/>` +
      `<text x="${x(value)}" y="${height - 20}" text-anchor="middle" fill="#555">${value}x</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${WIDTH - 12}" y="22" text-anchor="end" fill="#555">black tick: target; green met, red missed, grey no target</text>`,
    ...ticks,
    ...rows,
    "</svg>",
  ].join("\n");
}
