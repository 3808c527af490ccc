import { diffLines } from "diff";
import type { ReportSectionContent } from "./report-template.ts";

export type SectionChange = "ADDED" | "REMOVED" | "CHANGED" | "UNCHANGED";

export interface DiffLine {
  kind: "ADDED" | "REMOVED" | "SAME";
  text: string;
}

export interface SectionDiff {
  key: string;
  title: string;
  change: SectionChange;
  /** Line by line over the section's Markdown body; empty for unchanged sections. */
  lines: DiffLine[];
  /** The chart or table changed even where the text did not. */
  dataChanged: boolean;
}

/**
 * What changed between two versions, section by section in the order of the newer one
 * (sections only in the older one follow): the view an approver reads before signing.
 */
export function diffReportVersions(from: readonly ReportSectionContent[], to: readonly ReportSectionContent[]): SectionDiff[] {
  const before = new Map(from.map((section) => [section.key, section]));
  const after = new Map(to.map((section) => [section.key, section]));
  const result: SectionDiff[] = [];
  for (const section of to) {
    const old = before.get(section.key);
    if (!old) {
      result.push({
        key: section.key,
        title: section.title,
        change: "ADDED",
        lines: toLines("ADDED", section.body),
        dataChanged: true,
      });
      continue;
    }
    const dataChanged = JSON.stringify([old.chart, old.table]) !== JSON.stringify([section.chart, section.table]);
    const textChanged = old.body !== section.body || old.title !== section.title;
    result.push({
      key: section.key,
      title: section.title,
      change: textChanged || dataChanged ? "CHANGED" : "UNCHANGED",
      lines: textChanged ? lineDiff(old.body, section.body) : [],
      dataChanged,
    });
  }
  for (const section of from) {
    if (after.has(section.key)) continue;
    result.push({
      key: section.key,
      title: section.title,
      change: "REMOVED",
      lines: toLines("REMOVED", section.body),
      dataChanged: true,
    });
  }
  return result;
}

function lineDiff(before: string, after: string): DiffLine[] {
  return diffLines(withFinalNewline(before), withFinalNewline(after)).flatMap((part) =>
    toLines(part.added ? "ADDED" : part.removed ? "REMOVED" : "SAME", part.value),
  );
}

function toLines(kind: DiffLine["kind"], text: string): DiffLine[] {
  return splitLines(text).map((line) => ({ kind, text: line }));
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

// Without it, "a" -> "a\nb" reads as the line "a" removed and re-added.
function withFinalNewline(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}
