import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Prisma } from "@roundtable/db";
import { openFindingCount } from "../compliance/open-finding-counts.ts";
import { notFound } from "../errors.ts";
import { builder } from "./builder.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput } from "./references.ts";

const FindingSeverity = builder.enumType("FindingSeverity", { values: ["INFO", "WARNING", "VIOLATION"] as const });

export const FindingRef = builder.prismaNode("Finding", {
  description: "Something a policy profile's rule found about one subject: raised when first seen, resolved when fixed.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    ruleId: t.exposeString("ruleId"),
    profileId: t.exposeString("profileId"),
    severity: t.expose("severity", { type: FindingSeverity }),
    message: t.exposeString("message"),
    subjectType: t.exposeString("subjectType"),
    subjectId: t.id({
      nullable: true,
      description: "Global ID of the subject (use node(id:)); null for agency-wide findings.",
      resolve: (row) =>
        row.subjectId && /^[0-9a-f-]{36}$/.test(row.subjectId) ? encodeGlobalID(row.subjectType, row.subjectId) : null,
    }),
    unit: t.relation("unit", { nullable: true }),
    member: t.relation("member", { nullable: true }),
    dueAt: t.expose("dueAt", { type: "DateTime", nullable: true }),
    raisedAt: t.expose("raisedAt", { type: "DateTime" }),
    lastSeenAt: t.expose("lastSeenAt", { type: "DateTime" }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", nullable: true }),
    open: t.boolean({ resolve: (row) => row.resolvedAt === null }),
  }),
});

const FindingFilter = builder.inputType("FindingFilter", {
  fields: (t) => ({
    unitId: t.id({ required: false }),
    memberId: t.id({ required: false }),
    ruleId: t.string({ required: false }),
    profileId: t.string({ required: false }),
    severities: t.field({ type: [FindingSeverity], required: false }),
    includeResolved: t.boolean({ required: false, description: "Resolved findings too (default: open ones only)." }),
  }),
});

function findingWhere(filter: typeof FindingFilter.$inferInput | null | undefined): Prisma.FindingWhereInput {
  return {
    ...(filter?.includeResolved ? {} : { resolvedAt: null }),
    ...(filter?.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
    ...(filter?.memberId ? { memberId: idFromInput("Member", filter.memberId, "filter.memberId") } : {}),
    ...(filter?.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter?.profileId ? { profileId: filter.profileId } : {}),
    ...(filter?.severities?.length ? { severity: { in: filter.severities } } : {}),
  };
}

const ORDER = [{ severity: "desc" }, { raisedAt: "asc" }, { id: "asc" }] satisfies Prisma.FindingOrderByWithRelationInput[];

const Compliance = builder.objectRef<Record<string, never>>("Compliance").implement({
  description: "Where the agency stands against the policies it adopted.",
  authScopes: { member: true },
  fields: (t) => ({
    findings: t.prismaField({
      type: [FindingRef],
      description: "Findings, most severe first (at most 500; page with findingsConnection).",
      args: { filter: t.arg({ type: FindingFilter, required: false }) },
      resolve: (query, _root, args, ctx) =>
        ctx.db.finding.findMany({ ...query, where: findingWhere(args.filter), orderBy: ORDER, take: 500 }),
    }),
    findingsConnection: t.prismaConnection({
      type: FindingRef,
      cursor: "id",
      args: { filter: t.arg({ type: FindingFilter, required: false }) },
      totalCount: (_parent, args, ctx, info) =>
        totalCountOf(info, args, () => ctx.db.finding.count({ where: findingWhere(args.filter) })),
      resolve: (query, _root, args, ctx, info) =>
        readPage(info, query, ctx.db.finding.findMany({ ...query, where: findingWhere(args.filter), orderBy: ORDER })),
    }),
    openCount: t.int({
      args: { severity: t.arg({ type: FindingSeverity, required: false }) },
      resolve: (_root, args, ctx) => openFindingCount(ctx, args.severity ?? "ALL"),
    }),
  }),
});

builder.queryField("compliance", (t) =>
  t.field({
    type: Compliance,
    authScopes: { member: true },
    description: "Compliance of the viewer's agency.",
    resolve: () => ({}),
  }),
);

const ComplianceRun = builder.objectRef<{ raised: number; resolved: number; evaluated: number }>("ComplianceRun").implement({
  authScopes: { member: true },
  fields: (t) => ({
    raised: t.exposeInt("raised"),
    resolved: t.exposeInt("resolved"),
    rulesEvaluated: t.exposeInt("evaluated"),
    compliance: t.field({ type: Compliance, resolve: () => ({}) }),
  }),
});

builder.mutationField("evaluateCompliance", (t) =>
  t.field({
    type: ComplianceRun,
    description: "Runs every rule of the agency's enabled profiles now (they also run after the changes they watch).",
    authScopes: { role: ["CHIEF", "AGENCY_ADMIN", "COORDINATOR", "UNIT_COMMANDER"] },
    resolve: async (_root, _args, ctx) => {
      if (ctx.principal.kind !== "member") throw notFound();
      const result = await ctx.compliance.evaluateAgency(ctx.principal.agencyId);
      return { raised: result.raised.length, resolved: result.resolved.length, evaluated: result.evaluated.length };
    },
  }),
);
