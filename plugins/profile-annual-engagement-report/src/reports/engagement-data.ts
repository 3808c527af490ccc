import type { SectionBuildContext, TenantDb } from "@roundtable/core";
import { dayAfter } from "../report-year.ts";
import { inEffectDuring } from "../strategies-in-year.ts";
import { categoriesOf, ENGAGEMENT_AREAS, type EngagementArea } from "../taxonomy.ts";

export interface AreaStrategy {
  id: string;
  title: string;
  status: string;
  goals: string[];
  startsOn: Date | null;
  endsOn: Date | null;
}

export interface AreaActivity {
  id: string;
  title: string;
  kind: string;
  startsAt: Date;
  attendanceCount: number | null;
  stakeholderIds: string[];
}

/** One area's year: its strategies, their activities, and the recorded reason if it had none. */
export interface AreaYear {
  area: EngagementArea;
  strategies: AreaStrategy[];
  activities: AreaActivity[];
  attendance: number;
  /** Activities whose attendance nobody recorded. */
  attendanceUnknown: number;
  distinctStakeholders: number;
  reason: string | null;
}

type Period = SectionBuildContext<unknown>["period"];

/** `2025`, or `2025-26` for a report year that does not start on 1 January. */
export function periodLabel(period: Period): string {
  const start = period.start;
  if (start.getUTCMonth() === 0 && start.getUTCDate() === 1) return String(start.getUTCFullYear());
  return `${start.getUTCFullYear()}-${String((start.getUTCFullYear() + 1) % 100).padStart(2, "0")}`;
}

/** Activities from the first day of the period to the end of its last day (`period.end` is that day). */
export function withinPeriod(period: Period) {
  return { gte: period.start, lt: dayAfter(period.end) };
}

// The nine area sections of one build need the same rows: load them once per build context.
const loaded = new WeakMap<object, Promise<AreaYear[]>>();

/** Every area's strategies, activities and participation in the report's period. */
export function engagementByArea(ctx: SectionBuildContext<unknown>): Promise<AreaYear[]> {
  let promise = loaded.get(ctx);
  if (!promise) {
    promise = load(ctx.db, ctx.period);
    loaded.set(ctx, promise);
  }
  return promise;
}

async function load(db: TenantDb, period: Period): Promise<AreaYear[]> {
  const categories = ENGAGEMENT_AREAS.flatMap(categoriesOf);
  const [strategies, reasons] = await Promise.all([
    db.engagementStrategy.findMany({
      where: { ...inEffectDuring(period), category: { in: categories } },
      orderBy: [{ title: "asc" }, { id: "asc" }],
    }),
    db.strategyAreaReason.findMany({ where: { year: period.start.getUTCFullYear() } }),
  ]);
  const activities = await db.activity.findMany({
    where: { strategyId: { in: strategies.map((strategy) => strategy.id) }, startsAt: withinPeriod(period) },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    include: { stakeholders: { select: { stakeholderId: true } } },
  });
  return ENGAGEMENT_AREAS.map((area) => {
    const own = strategies.filter((strategy) => categoriesOf(area).includes(strategy.category));
    const ids = new Set(own.map((strategy) => strategy.id));
    const held = activities
      .filter((activity) => activity.strategyId && ids.has(activity.strategyId))
      .map((activity) => ({
        id: activity.id,
        title: activity.title,
        kind: activity.kind,
        startsAt: activity.startsAt,
        attendanceCount: activity.attendanceCount,
        stakeholderIds: activity.stakeholders.map((link) => link.stakeholderId),
      }));
    return {
      area,
      strategies: own.map(({ id, title, status, goals, startsOn, endsOn }) => ({ id, title, status, goals, startsOn, endsOn })),
      activities: held,
      attendance: held.reduce((sum, activity) => sum + (activity.attendanceCount ?? 0), 0),
      attendanceUnknown: held.filter((activity) => activity.attendanceCount === null).length,
      distinctStakeholders: new Set(held.flatMap((activity) => activity.stakeholderIds)).size,
      reason: reasons.find((reason) => reason.categoryKey === area.key)?.reason ?? null,
    };
  });
}
