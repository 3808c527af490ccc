import type { Prisma } from "@roundtable/db";
import type { RoleName } from "../auth/roles.ts";
import { type AvailableTemplate, availableTemplates } from "../reports/available-templates.ts";
import { builder } from "./builder.ts";
import { readPage, totalCountOf } from "./page-aware-count.ts";
import { idFromInput } from "./references.ts";
import { Report, ReportStatus } from "./report-node.ts";

const ReportFilter = builder.inputType("ReportFilter", {
  fields: (t) => ({
    templateKey: t.string({ required: false }),
    status: t.field({ type: ReportStatus, required: false }),
    unitId: t.id({ required: false }),
  }),
});

builder.queryField("reports", (t) =>
  t.prismaConnection({
    type: Report,
    cursor: "id",
    authScopes: { member: true },
    description: "The agency's reports, newest period first.",
    args: { filter: t.arg({ type: ReportFilter, required: false }) },
    totalCount: (_parent, args, ctx, info) =>
      totalCountOf(info, args, () => ctx.db.report.count({ where: reportWhere(args.filter) })),
    resolve: (query, _root, args, ctx, info) =>
      readPage(
        info,
        query,
        ctx.db.report.findMany({ ...query, where: reportWhere(args.filter), orderBy: [{ periodStart: "desc" }, { id: "asc" }] }),
      ),
  }),
);

function reportWhere(filter: typeof ReportFilter.$inferInput | null | undefined): Prisma.ReportWhereInput {
  return {
    ...(filter?.templateKey ? { templateKey: filter.templateKey } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.unitId ? { unitId: idFromInput("OrgUnit", filter.unitId, "filter.unitId") } : {}),
  };
}

const ReportTemplateSection = builder
  .objectRef<{ key: string; title: string; clauses?: string[] | undefined }>("ReportTemplateSection")
  .implement({
    authScopes: { member: true },
    fields: (t) => ({
      key: t.exposeString("key"),
      title: t.exposeString("title"),
      clauses: t.stringList({ resolve: (section) => section.clauses ?? [] }),
    }),
  });

const ReportTemplateRef = builder.objectRef<AvailableTemplate>("ReportTemplate").implement({
  description: "A report a profile the agency enabled contributes.",
  authScopes: { member: true },
  fields: (t) => ({
    key: t.string({ resolve: (entry) => entry.template.key }),
    title: t.string({ resolve: (entry) => entry.template.title }),
    profileId: t.exposeString("profileId"),
    period: t.string({ description: "SEMI_ANNUAL, ANNUAL, QUARTERLY or MONTHLY.", resolve: (entry) => entry.template.period }),
    perUnit: t.boolean({ resolve: (entry) => entry.template.perUnit }),
    preparedBy: t.stringList({ resolve: (entry) => entry.template.preparedBy as RoleName[] }),
    approverRole: t.string({ resolve: (entry) => entry.approverRole }),
    approverMustDiffer: t.boolean({ resolve: (entry) => entry.template.approverMustDiffer }),
    sections: t.field({ type: [ReportTemplateSection], resolve: (entry) => entry.template.sections }),
  }),
});

builder.queryField("reportTemplates", (t) =>
  t.field({
    type: [ReportTemplateRef],
    authScopes: { member: true },
    description: "The report templates of the policy profiles the agency enabled.",
    resolve: (_root, _args, ctx) => availableTemplates(ctx.profiles),
  }),
);
