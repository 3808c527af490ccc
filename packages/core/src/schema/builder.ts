import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { getDatamodel, type PrismaClient, type PrismaTypes } from "@roundtable/db";
import { hasRole } from "../auth/principal.ts";
import type { RoleName } from "../auth/roles.ts";
import type { Context } from "../context.ts";
import { badUserInput, forbidden, unauthenticated } from "../errors.ts";
import { decodeGlobalIdSafely, isMissingNode, isNodeType } from "./global-id.ts";
import { parseIsoInstant } from "./inputs/iso-instant.ts";

/**
 * Authorization scopes, declared on fields with `authScopes`:
 * - `public`: anyone, signed in or not;
 * - `member`: any signed-in member of an agency;
 * - `role`: a signed-in member holding at least one of the listed roles;
 * - `profile`: the caller's agency enabled the named policy profile.
 */
export interface AuthScopes {
  public: boolean;
  member: boolean;
  role: RoleName[];
  /** The caller's agency enabled this policy profile (for fields a profile adds). */
  profile: string;
}

export interface SchemaTypes {
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
  DefaultFieldNullability: false;
}

export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    treatErrorsAsUnauthorized: true,
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      public: true,
      member: ctx.principal.kind === "member",
      role: (roles) => hasRole(ctx.principal, ...roles),
      profile: (profileId) => ctx.principal.kind === "member" && ctx.profiles.isEnabled(profileId),
    }),
    unauthorizedError: (_parent, ctx, _info, result) => {
      if (ctx.principal.kind === "public") return unauthenticated("Sign in to see this.");
      const profileId = profileScopeOf(result.failure);
      return profileId
        ? forbidden(`This needs the "${profileId}" policy profile, which your agency has not enabled.`)
        : forbidden();
    },
  },
  prisma: {
    // Resolvers only ever see the tenant-scoped client of the request.
    client: (ctx) => ctx.db as unknown as PrismaClient,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    defaultConnectionSize: 20,
    maxConnectionSize: 100,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    // A malformed ID, an ID of a type that is no node, and another agency's ID all answer
    // `null`, exactly like an ID that never existed: no oracle for what other agencies hold.
    decodeGlobalID: (globalId) => decodeGlobalIdSafely(globalId),
    nodeQueryOptions: {
      nullable: true,
      authScopes: { public: true },
      resolve: async (_root, { id }, _ctx, info, resolveNode) => {
        if (!isNodeType(info.schema, id.typename)) return null;
        try {
          return await resolveNode(id);
        } catch (error) {
          if (isMissingNode(error)) return null;
          throw error;
        }
      },
    },
    nodesQueryOptions: false,
  },
  validation: {
    validationError: (result) =>
      badUserInput(
        result.issues.map((issue) => ({
          field:
            (issue.path ?? []).map((part) => (typeof part === "object" ? String(part.key) : String(part))).join(".") || "input",
          message: issue.message,
        })),
      ),
  },
});

/** The profile a failed `profile` scope named, if that is why access was refused. */
function profileScopeOf(failure: unknown): string | undefined {
  const node = failure as { kind?: string; scope?: string; parameter?: unknown; failures?: unknown[] };
  if (node.scope === "profile" && typeof node.parameter === "string") return node.parameter;
  for (const child of node.failures ?? []) {
    const found = profileScopeOf(child);
    if (found) return found;
  }
  return undefined;
}

builder.scalarType("DateTime", {
  description: "An instant, as an ISO 8601 string in UTC.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === "string" ? parseIsoInstant(value) : null;
    if (!date) throw badUserInput([{ field: "DateTime", message: "must be an ISO 8601 date-time" }]);
    return date;
  },
});

builder.queryType({});
builder.mutationType({});
