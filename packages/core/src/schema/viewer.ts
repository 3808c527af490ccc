import { builder } from "./builder.ts";
import { RoleEnum } from "./member.ts";

interface ViewerShape {
  kind: "public" | "member";
}

const Viewer = builder.objectRef<ViewerShape>("Viewer").implement({
  description: "Who is asking: a signed-in member, or the public (no token).",
  authScopes: { public: true },
  fields: (t) => ({
    authenticated: t.boolean({ resolve: (viewer) => viewer.kind === "member" }),
    roles: t.field({
      type: [RoleEnum],
      resolve: (_viewer, _args, ctx) => (ctx.principal.kind === "member" ? ctx.principal.roles : []),
    }),
    agency: t.prismaField({
      type: "Agency",
      nullable: true,
      resolve: (query, _viewer, _args, ctx) => (ctx.principal.kind === "member" ? ctx.db.agency.findFirst({ ...query }) : null),
    }),
    member: t.prismaField({
      type: "Member",
      nullable: true,
      resolve: (query, _viewer, _args, ctx) =>
        ctx.principal.kind === "member" ? ctx.db.member.findUnique({ ...query, where: { id: ctx.principal.memberId } }) : null,
    }),
  }),
});

builder.queryField("viewer", (t) =>
  t.field({
    type: Viewer,
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => ({ kind: ctx.principal.kind }),
  }),
);
