import type { ReportSectionTemplate } from "@roundtable/core";
import type { AnnualEngagementReportSettings } from "../settings.ts";
import { areaName, ENGAGEMENT_AREAS } from "../taxonomy.ts";
import { periodLabel, withinPeriod } from "./engagement-data.ts";
import { mdText } from "./markdown.ts";

type Change = "New" | "Completed" | "Changed";

/** How the report names a strategy's category: its area a-i, or the category key itself. */
function categoryName(category: string): string {
  const area = ENGAGEMENT_AREAS.find((candidate) => candidate.key === category || candidate.coreKeys.includes(category));
  return area ? areaName(area) : category;
}

/**
 * What changed in the year: strategies started, completed, or otherwise changed. A strategy
 * created and completed in the same year is listed once, as completed.
 */
export const whatChanged: ReportSectionTemplate<AnnualEngagementReportSettings> = {
  key: "what-changed",
  title: "What changed this year",
  clauses: ["CE-03", "CE-06"],
  async build({ db, period }) {
    const inPeriod = withinPeriod(period);
    const strategies = await db.engagementStrategy.findMany({
      where: {
        OR: [{ createdAt: inPeriod }, { status: "COMPLETED", endsOn: inPeriod }, { updatedAt: inPeriod, version: { gt: 1 } }],
      },
      orderBy: [{ title: "asc" }, { id: "asc" }],
    });
    const label = periodLabel(period);
    if (strategies.length === 0) return { body: `No strategy was started, changed or completed in ${label}.` };
    const within = (date: Date | null) => Boolean(date && date >= inPeriod.gte && date < inPeriod.lt);
    const changeOf = (strategy: (typeof strategies)[number]): Change => {
      if (strategy.status === "COMPLETED" && (within(strategy.endsOn) || (!strategy.endsOn && within(strategy.updatedAt))))
        return "Completed";
      return within(strategy.createdAt) ? "New" : "Changed";
    };
    const rows = strategies.map((strategy) => [
      strategy.title,
      categoryName(strategy.category),
      changeOf(strategy),
      strategy.status.toLowerCase(),
    ]);
    const count = (change: Change) => rows.filter((row) => row[2] === change).length;
    const list = (change: Change) =>
      rows
        .filter((row) => row[2] === change)
        .map((row) => `- ${mdText(String(row[0]))} (${mdText(String(row[1]))})`)
        .join("\n") || "- none";
    const body = [
      `In ${label}: ${count("New")} new, ${count("Changed")} changed and ${count("Completed")} completed ${strategies.length === 1 ? "strategy" : "strategies"}.`,
      `### New\n\n${list("New")}`,
      `### Changed\n\n${list("Changed")}`,
      `### Completed\n\n${list("Completed")}`,
    ].join("\n\n");
    return { body };
  },
};
