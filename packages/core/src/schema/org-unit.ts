import { builder } from "./builder.ts";

const OrgUnitKind = builder.enumType("OrgUnitKind", {
  values: ["HEADQUARTERS", "DIVISION", "BUREAU", "PATROL_STATION", "UNIT"] as const,
});

builder.prismaNode("OrgUnit", {
  description: "A station, division or unit of the agency.",
  id: { field: "id" },
  // Columns are read as fields ask for them (select mode), not whole rows: dashboards list many.
  select: { id: true },
  authScopes: { member: true },
  fields: (t) => ({
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: OrgUnitKind }),
    code: t.exposeString("code", { nullable: true }),
    parent: t.relation("parent", { nullable: true }),
    children: t.relation("children", { query: { orderBy: { name: "asc" } } }),
    commander: t.relation("commander", { nullable: true }),
    members: t.relatedConnection("members", { cursor: "id", totalCount: true, query: { orderBy: { name: "asc" } } }),
  }),
});
