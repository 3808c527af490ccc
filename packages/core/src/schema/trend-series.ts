import type { Context } from "../context.ts";
import { badUserInput, userError } from "../errors.ts";
import { builder } from "./builder.ts";
import { idFromInput, requireRows } from "./references.ts";
import { CalendarDate } from "./trend-calendar-date.ts";
import { Indicator, Observation } from "./trend-indicator.ts";

/** Most periods one `trend` answers with (the latest ones): about 80 years of months. */
const MAX_POINTS = 1000;

interface TrendSelection {
  indicatorId: string;
  unitId: string;
  from: Date | null;
  to: Date | null;
}

interface TrendChangeShape {
  periodStart: Date;
  value: number;
  previousPeriodStart: Date | null;
  previousPeriodValue: number | null;
  yearEarlierValue: number | null;
}

const TrendChange = builder.objectRef<TrendChangeShape>("TrendChange").implement({
  description:
    "How the latest period compares with the one before and with the same period a year earlier: what a commander " +
    "weighs when asking whether the unit's priorities still fit the trends (CPP-18).",
  authScopes: { member: true },
  fields: (t) => ({
    periodStart: t.expose("periodStart", { type: CalendarDate, description: "Start of the latest period in the window." }),
    value: t.exposeFloat("value"),
    previousPeriodStart: t.expose("previousPeriodStart", { type: CalendarDate, nullable: true }),
    previousPeriodValue: t.exposeFloat("previousPeriodValue", {
      nullable: true,
      description: "The period recorded just before the latest, even when it lies before `from`; null when there is none.",
    }),
    percentChange: t.float({
      nullable: true,
      description: "Change from the previous period in percent, one decimal; null when there is none or it was 0.",
      resolve: (change) => percentChange(change.previousPeriodValue, change.value),
    }),
    yearEarlierValue: t.exposeFloat("yearEarlierValue", {
      nullable: true,
      description: "The period that started exactly a year before the latest: comparing with it sets seasons aside.",
    }),
    yearOverYearPercentChange: t.float({
      nullable: true,
      resolve: (change) => percentChange(change.yearEarlierValue, change.value),
    }),
  }),
});

const Trend = builder.objectRef<TrendSelection>("Trend").implement({
  description: "An indicator's figures for one unit, oldest period first.",
  authScopes: { member: true },
  fields: (t) => ({
    indicator: t.prismaField({
      type: Indicator,
      resolve: (query, trend, _args, ctx) => ctx.db.indicator.findUniqueOrThrow({ ...query, where: { id: trend.indicatorId } }),
    }),
    unit: t.prismaField({
      type: "OrgUnit",
      resolve: (query, trend, _args, ctx) => ctx.db.orgUnit.findUniqueOrThrow({ ...query, where: { id: trend.unitId } }),
    }),
    points: t.prismaField({
      type: [Observation],
      description: `The periods starting within the window, oldest first (at most the latest ${MAX_POINTS}).`,
      resolve: async (query, trend, _args, ctx) => {
        const latestFirst = await ctx.db.observation.findMany({
          ...query,
          where: seriesWhere(trend),
          orderBy: { periodStart: "desc" },
          take: MAX_POINTS,
        });
        return latestFirst.reverse();
      },
    }),
    change: t.field({
      type: TrendChange,
      nullable: true,
      description: "The latest period in the window against the ones before it; null when the window holds no period.",
      resolve: (trend, _args, ctx) => changeOf(ctx.db, trend),
    }),
  }),
});

builder.queryField("trend", (t) =>
  t.field({
    type: Trend,
    authScopes: { member: true },
    description: "An indicator's figures for one unit, period by period, with the latest change (CPP-18).",
    args: {
      indicatorKey: t.arg.string({ required: true }),
      unitId: t.arg.id({ required: true }),
      from: t.arg({ type: CalendarDate, required: false, description: "Only periods starting on or after this day." }),
      to: t.arg({ type: CalendarDate, required: false, description: "Only periods starting on or before this day." }),
    },
    resolve: async (_root, args, ctx) => {
      const unitId = idFromInput("OrgUnit", args.unitId, "unitId");
      if (args.from && args.to && args.to < args.from) throw badUserInput([{ field: "to", message: "must not be before from" }]);
      const indicator = await ctx.db.indicator.findFirst({ where: { key: args.indicatorKey }, select: { id: true } });
      if (!indicator) {
        throw userError("NOT_FOUND", `indicatorKey: the agency tracks no indicator "${args.indicatorKey}"`, {
          fields: [{ field: "indicatorKey", message: "no such indicator" }],
        });
      }
      await requireRows(ctx.db, { unitId: ["orgUnit", unitId] });
      return { indicatorId: indicator.id, unitId, from: args.from ?? null, to: args.to ?? null };
    },
  }),
);

function seriesWhere(trend: TrendSelection) {
  return {
    indicatorId: trend.indicatorId,
    unitId: trend.unitId,
    periodStart: { ...(trend.from && { gte: trend.from }), ...(trend.to && { lte: trend.to }) },
  };
}

async function changeOf(db: Context["db"], trend: TrendSelection): Promise<TrendChangeShape | null> {
  const select = { periodStart: true, value: true } as const;
  const latest = await db.observation.findFirst({ where: seriesWhere(trend), orderBy: { periodStart: "desc" }, select });
  if (!latest) return null;
  const series = { indicatorId: trend.indicatorId, unitId: trend.unitId };
  const yearEarlier = new Date(latest.periodStart);
  yearEarlier.setUTCFullYear(yearEarlier.getUTCFullYear() - 1);
  const [previous, lastYear] = await Promise.all([
    db.observation.findFirst({
      where: { ...series, periodStart: { lt: latest.periodStart } },
      orderBy: { periodStart: "desc" },
      select,
    }),
    db.observation.findFirst({ where: { ...series, periodStart: yearEarlier }, select }),
  ]);
  return {
    periodStart: latest.periodStart,
    value: latest.value,
    previousPeriodStart: previous?.periodStart ?? null,
    previousPeriodValue: previous?.value ?? null,
    yearEarlierValue: lastYear?.value ?? null,
  };
}

function percentChange(before: number | null, after: number): number | null {
  if (before === null || before === 0) return null;
  return Math.round(((after - before) / before) * 1000) / 10;
}
