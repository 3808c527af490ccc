import { builder } from "./builder.ts";

const AgencyKind = builder.enumType("AgencyKind", { values: ["POLICE_DEPARTMENT", "SHERIFF_DEPARTMENT", "OTHER"] as const });

export const AgencyRef = builder.prismaNode("Agency", {
  description: "A police or sheriff agency: the tenant everything else belongs to.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    slug: t.exposeString("slug"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: AgencyKind }),
    timeZone: t.exposeString("timeZone"),
    orgUnits: t.relatedConnection("orgUnits", { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } }),
    members: t.relatedConnection("members", { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } }),
  }),
});

builder.queryField("agency", (t) =>
  t.prismaField({
    type: "Agency",
    description: "The signed-in member's agency.",
    authScopes: { member: true },
    resolve: (query, _root, _args, ctx) => ctx.db.agency.findFirstOrThrow({ ...query }),
  }),
);
