import type { Prisma } from "@roundtable/db";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { formatCalendarDate, INDICATOR_KEY } from "../domain/indicator-csv.ts";
import { conflict } from "../errors.ts";
import { builder } from "./builder.ts";
import { optionalText, requiredText } from "./inputs/text.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput, requireRows } from "./references.ts";
import { assertCanRecordFigures, TREND_EDITORS } from "./trend-access.ts";
import { CalendarDate } from "./trend-calendar-date.ts";
import { Indicator, IndicatorCategory, Observation } from "./trend-indicator.ts";
import "./trend-series.ts";
import "./trend-import.ts";

// Crime and quality-of-life trends (CPP-18): the indicators an agency tracks and their
// figures per unit and period. The `trend` query lives in trend-series.ts, the CSV import
// in trend-import.ts.

const IndicatorFilter = builder.inputType("IndicatorFilter", {
  fields: (t) => ({
    category: t.field({ type: IndicatorCategory, required: false }),
    search: t.string({ required: false, description: "Part of the name or key, any case.", validate: optionalText(100) }),
  }),
});

builder.queryField("indicators", (t) =>
  t.prismaConnection({
    type: Indicator,
    cursor: "id",
    authScopes: { member: true },
    description: "The indicators the agency tracks, by name.",
    args: { filter: t.arg({ type: IndicatorFilter, required: false }) },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.indicator.count({ where: indicatorWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.indicator.findMany({ ...query, where: indicatorWhere(args.filter), orderBy: [{ name: "asc" }, { id: "asc" }] }),
      ),
  }),
);

function indicatorWhere(filter: typeof IndicatorFilter.$inferInput | null | undefined): Prisma.IndicatorWhereInput {
  const search = filter?.search ? { contains: filter.search, mode: "insensitive" as const } : undefined;
  return {
    ...(filter?.category ? { category: filter.category } : {}),
    ...(search ? { OR: [{ name: search }, { key: search }] } : {}),
  };
}

const IndicatorPayload = builder.objectRef<{ id: string }>("IndicatorPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    indicator: t.prismaField({
      type: Indicator,
      resolve: (query, payload, _args, ctx) => ctx.db.indicator.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

const DefineIndicatorInput = builder.inputType("DefineIndicatorInput", {
  validate: z.looseObject({
    key: z
      .string()
      .trim()
      .regex(INDICATOR_KEY, "must be lowercase letters, digits and dashes, e.g. vehicle-theft")
      .max(64, "must be at most 64 characters"),
    name: requiredText(200),
    unitName: requiredText(50).nullish(),
  }),
  fields: (t) => ({
    key: t.string({ required: true, description: "Stable short name CSV files use, e.g. `vehicle-theft`." }),
    name: t.string({ required: true }),
    category: t.field({ type: IndicatorCategory, required: true }),
    unitName: t.string({ required: false, description: 'What a value counts; "count" when left out.' }),
  }),
});

builder.mutationField("defineIndicator", (t) =>
  t.field({
    type: IndicatorPayload,
    authScopes: { role: TREND_EDITORS },
    description: "Starts tracking a new indicator; its key must be new to the agency.",
    args: { input: t.arg({ type: DefineIndicatorInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.db.$transaction(async (tx) => {
        const key = input.key.trim();
        if (await tx.indicator.findFirst({ where: { key }, select: { id: true } })) {
          throw conflict(`input.key: the agency already tracks an indicator with key "${key}"`, {
            fields: [{ field: "input.key", message: "is taken" }],
          });
        }
        const row = await tx.indicator.create({
          data: {
            agencyId: "",
            key,
            name: input.name.trim(),
            category: input.category,
            unitName: input.unitName?.trim() ?? "count",
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "indicator.define",
          entityType: "Indicator",
          entityId: row.id,
          after: { key: row.key, name: row.name, category: row.category },
        });
        return { id: row.id };
      }),
  }),
);

const ObservationPayload = builder.objectRef<{ id: string; created: boolean }>("ObservationPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    observation: t.prismaField({
      type: Observation,
      resolve: (query, payload, _args, ctx) => ctx.db.observation.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
    created: t.exposeBoolean("created", { description: "False when the figure replaced one recorded before." }),
  }),
});

const RecordObservationInput = builder.inputType("RecordObservationInput", {
  validate: z
    .looseObject({
      value: z.number().min(0, "must not be negative").max(1e12, "is implausibly large"),
      periodStart: z.date(),
      periodEnd: z.date(),
    })
    .refine((input) => input.periodEnd >= input.periodStart, { path: ["periodEnd"], message: "must not be before periodStart" }),
  fields: (t) => ({
    indicatorId: t.id({ required: true }),
    unitId: t.id({ required: true }),
    periodStart: t.field({ type: CalendarDate, required: true }),
    periodEnd: t.field({ type: CalendarDate, required: true, description: "The last day of the period, included." }),
    value: t.float({ required: true }),
  }),
});

builder.mutationField("recordObservation", (t) =>
  t.field({
    type: ObservationPayload,
    authScopes: { role: TREND_EDITORS },
    description: "Records a unit's figure for a period; recording the same indicator, unit and periodStart again replaces it.",
    args: { input: t.arg({ type: RecordObservationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const indicatorId = idFromInput("Indicator", input.indicatorId, "input.indicatorId");
      const unitId = idFromInput("OrgUnit", input.unitId, "input.unitId");
      // Checked before the transaction: they read through ctx.db, which would wait on the open transaction.
      await requireRows(ctx.db, { "input.indicatorId": ["indicator", indicatorId], "input.unitId": ["orgUnit", unitId] });
      await assertCanRecordFigures(ctx, unitId);
      return ctx.db.$transaction(async (tx) => {
        const where = { indicatorId_unitId_periodStart: { indicatorId, unitId, periodStart: input.periodStart } };
        const before = await tx.observation.findUnique({ where, select: { value: true } });
        const row = await tx.observation.upsert({
          where,
          create: {
            agencyId: "",
            indicatorId,
            unitId,
            periodStart: input.periodStart,
            periodEnd: input.periodEnd,
            value: input.value,
          },
          update: { periodEnd: input.periodEnd, value: input.value },
        });
        await recordAuditEvent(tx, ctx, {
          action: "observation.record",
          entityType: "Observation",
          entityId: row.id,
          before: before ? { value: before.value } : undefined,
          after: { periodStart: formatCalendarDate(input.periodStart), value: row.value },
        });
        return { id: row.id, created: !before };
      });
    },
  }),
);
