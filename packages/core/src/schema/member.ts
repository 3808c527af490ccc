import { ROLES } from "../auth/roles.ts";
import { builder } from "./builder.ts";

export const RoleEnum = builder.enumType("Role", { values: ROLES });
const MemberKind = builder.enumType("MemberKind", { values: ["SWORN", "PROFESSIONAL"] as const });

builder.prismaNode("Member", {
  description: "A member of the agency's personnel, sworn or professional.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    kind: t.expose("kind", { type: MemberKind }),
    rank: t.exposeString("rank", { nullable: true }),
    roles: t.expose("roles", { type: [RoleEnum] }),
    languages: t.exposeStringList("languages", { description: "Languages the member speaks (BCP 47 tags)." }),
    disabled: t.boolean({ resolve: (member) => member.disabledAt !== null }),
    unit: t.relation("unit", { nullable: true }),
  }),
});
