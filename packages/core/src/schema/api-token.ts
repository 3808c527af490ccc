import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { generateApiToken, hashApiToken } from "../auth/api-token.ts";
import type { RoleName } from "../auth/roles.ts";
import { badUserInput, forbidden, notFound } from "../errors.ts";
import { builder } from "./builder.ts";
import { decodeIdOf } from "./global-id.ts";
import { RoleEnum } from "./member.ts";

const ApiToken = builder.prismaNode("ApiToken", {
  description: "A long-lived credential for an integration. The secret is shown once, at creation.",
  id: { field: "id" },
  // `node(id:)` finds your own tokens only (an agency admin's: anyone's in the agency), as
  // `apiTokens` lists them; anyone else's reads as missing, like an ID that never existed.
  findUnique: (id, ctx) =>
    ctx.principal.kind === "member" && !ctx.principal.roles.includes("AGENCY_ADMIN")
      ? { id, memberId: ctx.principal.memberId }
      : { id },
  authScopes: { member: true },
  fields: (t) => ({
    name: t.exposeString("name"),
    roles: t.expose("roles", { type: [RoleEnum] }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    member: t.relation("member"),
  }),
});

const CreateApiTokenInput = builder.inputType("CreateApiTokenInput", {
  fields: (t) => ({
    name: t.string({
      required: true,
      validate: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
    }),
    roles: t.field({
      type: [RoleEnum],
      required: false,
      description: "Roles the token grants; defaults to all of yours. You cannot grant a role you do not hold.",
    }),
    expiresAt: t.field({ type: "DateTime", required: false }),
  }),
});

const CreateApiTokenPayload = builder.objectRef<{ token: string; id: string }>("CreateApiTokenPayload").implement({
  authScopes: { member: true },
  fields: (t) => ({
    token: t.exposeString("token", { description: "The secret. Store it now: it is never shown again." }),
    apiToken: t.prismaField({
      type: ApiToken,
      resolve: (query, payload, _args, ctx) => ctx.db.apiToken.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
  }),
});

builder.queryField("apiTokens", (t) =>
  t.prismaField({
    type: [ApiToken],
    description: "Your own API tokens, newest first.",
    authScopes: { member: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.principal.kind === "member"
        ? ctx.db.apiToken.findMany({ ...query, where: { memberId: ctx.principal.memberId }, orderBy: { createdAt: "desc" } })
        : [],
  }),
);

builder.mutationField("createApiToken", (t) =>
  t.field({
    type: CreateApiTokenPayload,
    authScopes: { member: true },
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      if (ctx.principal.kind !== "member") throw notFound();
      // A leaked integration credential must not be able to mint itself successors that
      // outlive its revocation or expiry: only a signed-in person creates API tokens.
      if (ctx.principal.via === "api-token")
        throw forbidden("API tokens are created by a signed-in member, not by another API token.");
      const held = ctx.principal.roles;
      const roles = [...new Set((input.roles ?? held) as RoleName[])];
      const problems = [];
      if (roles.length === 0) problems.push({ field: "input.roles", message: "must name at least one role" });
      const notHeld = roles.filter((role) => !held.includes(role));
      if (notHeld.length > 0) problems.push({ field: "input.roles", message: `you do not hold ${notHeld.join(", ")}` });
      if (input.expiresAt && input.expiresAt <= new Date())
        problems.push({ field: "input.expiresAt", message: "must be in the future" });
      if (problems.length > 0) throw badUserInput(problems);
      const token = generateApiToken(ctx.principal.agencySlug);
      const memberId = ctx.principal.memberId;
      const created = await ctx.db.$transaction(async (tx) => {
        const row = await tx.apiToken.create({
          data: {
            agencyId: "",
            memberId,
            name: input.name,
            roles,
            expiresAt: input.expiresAt ?? null,
            tokenHash: hashApiToken(token),
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: "api-token.create",
          entityType: "ApiToken",
          entityId: row.id,
          after: { name: row.name, roles },
        });
        return row;
      });
      return { token, id: created.id };
    },
  }),
);

builder.mutationField("revokeApiToken", (t) =>
  t.prismaField({
    type: ApiToken,
    description: "Revokes one of your tokens (an agency admin may revoke anyone's in the agency).",
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      if (ctx.principal.kind !== "member") throw notFound();
      const id = decodeIdOf("ApiToken", args.id);
      const principal = ctx.principal;
      const mayRevokeAny = principal.roles.includes("AGENCY_ADMIN");
      return ctx.db.$transaction(async (tx) => {
        const existing = id ? await tx.apiToken.findUnique({ where: { id } }) : null;
        if (!existing || (!mayRevokeAny && existing.memberId !== principal.memberId)) throw notFound("The API token");
        const revoked = await tx.apiToken.update({
          ...query,
          where: { id: existing.id },
          data: { revokedAt: existing.revokedAt ?? new Date() },
        });
        await recordAuditEvent(tx, ctx, { action: "api-token.revoke", entityType: "ApiToken", entityId: existing.id });
        return revoked;
      });
    },
  }),
);
