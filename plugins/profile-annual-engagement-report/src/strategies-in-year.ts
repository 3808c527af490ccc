import type { TenantDb } from "@roundtable/core";
import type { Prisma } from "@roundtable/db";
import { dayAfter } from "./report-year.ts";

/**
 * Strategies in effect at some point of a period: created by its end, started by its end
 * (or undated), not ended before it began. A strategy marked COMPLETED without an end day
 * counts only if it was last changed during or after the period, so a program finished
 * years ago does not keep an area "addressed".
 */
export function inEffectDuring(period: { start: Date; end: Date }): Prisma.EngagementStrategyWhereInput {
  const after = dayAfter(period.end);
  return {
    createdAt: { lt: after },
    AND: [
      { OR: [{ startsOn: null }, { startsOn: { lt: after } }] },
      { OR: [{ endsOn: null }, { endsOn: { gte: period.start } }] },
      { NOT: { status: "COMPLETED", endsOn: null, updatedAt: { lt: period.start } } },
    ],
  };
}

/** The strategies of some categories in effect during a period, oldest first. */
export function strategiesInEffect(db: TenantDb, period: { start: Date; end: Date }, categories: string[]) {
  return db.engagementStrategy.findMany({
    where: { ...inEffectDuring(period), category: { in: categories } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
