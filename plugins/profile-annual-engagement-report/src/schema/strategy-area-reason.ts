import { recordAuditEvent } from "@roundtable/core";
import { z } from "zod";
import { areaName, ENGAGEMENT_AREAS } from "../taxonomy.ts";
import { type Builder, PROFILE_ID, PROFILE_SCOPE } from "./schema-kit.ts";

const AREA_KEYS = ENGAGEMENT_AREAS.map((area) => area.key);

/** The coordinator documents the strategies (CE-05); the Chief answers for them. */
const RECORDERS = { $all: { profile: PROFILE_ID, role: ["COORDINATOR" as const, "CHIEF" as const] } };

/**
 * CE-04 says strategies "may" address areas a-i: an area left empty in a year is fine with
 * a reason on record, which the annual report prints. One reason per area and year; recording
 * again replaces it.
 */
export function strategyAreaReasonSchema(builder: Builder): void {
  const Reason = builder.prismaObject("StrategyAreaReason", {
    description: "Why an engagement area a-i has no strategy in a year (CE-04).",
    authScopes: PROFILE_SCOPE,
    fields: (t) => ({
      categoryKey: t.exposeString("categoryKey", { description: "The area's key in `strategyCategories`." }),
      area: t.string({
        description: "The area as the policy names it, e.g. `(a) Youth programs`.",
        resolve: (row) => {
          const area = ENGAGEMENT_AREAS.find((candidate) => candidate.key === row.categoryKey);
          return area ? areaName(area) : row.categoryKey;
        },
      }),
      year: t.exposeInt("year", { description: "The calendar year the report year starts in." }),
      reason: t.exposeString("reason"),
      createdAt: t.expose("createdAt", { type: "DateTime" }),
    }),
  });

  builder.queryField("strategyAreaReasons", (t) =>
    t.prismaField({
      type: [Reason],
      authScopes: PROFILE_SCOPE,
      description: "The reasons recorded for areas without a strategy in a report year, in the policy's order.",
      args: { year: t.arg.int({ required: true }) },
      resolve: async (query, _root, args, ctx) => {
        const rows = await ctx.db.strategyAreaReason.findMany({ ...query, where: { year: args.year } });
        return rows.sort((a, b) => AREA_KEYS.indexOf(a.categoryKey) - AREA_KEYS.indexOf(b.categoryKey));
      },
    }),
  );

  const Input = builder.inputType("RecordStrategyAreaReasonInput", {
    validate: z.looseObject({
      categoryKey: z.string().refine((key) => AREA_KEYS.includes(key), `must be one of ${AREA_KEYS.join(", ")}`),
      year: z.number().int().min(2000, "must be 2000 or later").max(2100, "must be 2100 or earlier"),
      reason: z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters"),
    }),
    fields: (t) => ({
      categoryKey: t.string({ required: true, description: "An area key, e.g. `ce-b-citizens-police-academy`." }),
      year: t.int({ required: true, description: "The calendar year the report year starts in." }),
      reason: t.string({ required: true }),
    }),
  });

  const Payload = builder.objectRef<{ id: string }>("StrategyAreaReasonPayload").implement({
    authScopes: PROFILE_SCOPE,
    fields: (t) => ({
      strategyAreaReason: t.prismaField({
        type: Reason,
        resolve: (query, payload, _args, ctx) =>
          ctx.db.strategyAreaReason.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
      }),
    }),
  });

  builder.mutationField("recordStrategyAreaReason", (t) =>
    t.field({
      type: Payload,
      authScopes: RECORDERS,
      description: "Records why an area a-i has no strategy in a year; replaces an earlier reason for the same area and year.",
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: (_root, { input }, ctx) =>
        ctx.db.$transaction(async (tx) => {
          const reason = input.reason.trim();
          const recordedById = ctx.principal.kind === "member" ? ctx.principal.memberId : null;
          const existing = await tx.strategyAreaReason.findFirst({ where: { categoryKey: input.categoryKey, year: input.year } });
          const row = existing
            ? await tx.strategyAreaReason.update({ where: { id: existing.id }, data: { reason, recordedById } })
            : await tx.strategyAreaReason.create({
                data: { agencyId: "", categoryKey: input.categoryKey, year: input.year, reason, recordedById },
              });
          // The reason is free text; the audit trail names the area and year only.
          await recordAuditEvent(tx, ctx, {
            action: existing ? "strategy-area-reason.update" : "strategy-area-reason.create",
            entityType: "StrategyAreaReason",
            entityId: row.id,
            after: { categoryKey: row.categoryKey, year: row.year },
          });
          return { id: row.id };
        }),
    }),
  );
}
