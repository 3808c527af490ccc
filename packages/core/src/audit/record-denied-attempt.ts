import {
  GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNullableType,
  isInputObjectType,
  isScalarType,
} from "graphql";
import type { Context } from "../context.ts";
import { decodeGlobalIdSafely, INVALID_TYPENAME } from "../schema/global-id.ts";
import { recordAuditEvent } from "./record-audit-event.ts";

/**
 * Field extension for reads whose refusal is audited (AU-01 "reads of sensitive objects"):
 * personal data of the community and officers' training records. Other read refusals are
 * not audited: a list page asking for a field the role may not see would write one row per
 * request for nothing an auditor needs.
 *
 * @example t.exposeString("submitterContact", { authScopes: { role: READERS }, extensions: AUDITED_READ })
 */
export const AUDITED_READ = { roundtableAuditedRead: true } as const;
const AUDITED_READ_KEY: keyof typeof AUDITED_READ = "roundtableAuditedRead";

/** One refused field, as the resolver hook sees it. */
export interface RefusedField {
  info: GraphQLResolveInfo;
  /** The field's arguments, as coerced by graphql-js. */
  args: Record<string, unknown>;
  /** The object the field belongs to (a row for reads, nothing for root fields). */
  parent: unknown;
  error: unknown;
}

/** Read refusals already audited in a request: one row per field, however many items refused it. */
const auditedReads = new WeakMap<Context, Set<string>>();

/**
 * Refusals already handed in. Apps built in one process share the schema (buildSchema caches
 * it), so each app's resolver hook wraps the same fields and sees the same error.
 */
const handled = new WeakSet<object>();

/**
 * Records a refused attempt (outcome DENIED) when the refusal is one the trail must show:
 * a signed-in member's mutation refused as FORBIDDEN (by its auth scopes or by a domain
 * rule), or a read of a field marked AUDITED_READ. The row names who (member and roles),
 * what (the field's schema coordinate, e.g. `Mutation.approveReport`, and the target named
 * by the first ID argument), when, where from, the request id and the refusal's message.
 *
 * It has its own transaction: the refused mutation wrote nothing (its transaction rolled
 * back), and this row must survive that. Anonymous refusals are not audited, since no actor
 * is known and the public's address is not kept (IV-07); they are rate-limited and logged.
 * Returns whether a row was written.
 */
export async function recordDeniedAttempt(ctx: Context, refused: RefusedField): Promise<boolean> {
  if (ctx.principal.kind !== "member" || !isForbidden(refused.error)) return false;
  if (handled.has(refused.error as GraphQLError)) return false;
  handled.add(refused.error as GraphQLError);
  const { info } = refused;
  if (!refusalIsAudited(info)) return false;
  const coordinate = `${info.parentType.name}.${info.fieldName}`;
  if (info.parentType !== info.schema.getMutationType()) {
    const seen = auditedReads.get(ctx) ?? new Set<string>();
    auditedReads.set(ctx, seen);
    if (seen.has(coordinate)) return false;
    seen.add(coordinate);
  }
  const target = targetOfParent(info, refused.parent) ?? targetOfArguments(info, refused.args);
  await ctx.db.$transaction((tx) =>
    recordAuditEvent(tx, ctx, {
      action: coordinate,
      ...target,
      outcome: "DENIED",
      after: { reason: (refused.error as GraphQLError).message },
    }),
  );
  return true;
}

/**
 * Whether a refusal of this field could be audited: mutations, and reads marked
 * AUDITED_READ. Lets the resolver hook leave every other field unwrapped (and fast).
 */
export function refusalIsAudited(info: GraphQLResolveInfo): boolean {
  return fieldRefusalIsAudited(info.schema, info.parentType, info.parentType.getFields()[info.fieldName]);
}

/** The same question asked of the schema alone, before any request: which fields need a hook. */
export function fieldRefusalIsAudited(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown> | undefined,
): boolean {
  return type === schema.getMutationType() || field?.extensions?.[AUDITED_READ_KEY] === true;
}

function isForbidden(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === "FORBIDDEN";
}

interface Target {
  entityType: string;
  entityId: string | undefined;
}

/** What a root field was aimed at: the first global ID among its arguments (or their input fields). */
function targetOfArguments(info: GraphQLResolveInfo, args: Record<string, unknown>): Target {
  const field = info.parentType.getFields()[info.fieldName];
  for (const arg of field?.args ?? []) {
    const found = globalIdIn(arg.type, args[arg.name]);
    if (found) return found;
  }
  return { entityType: info.parentType.name, entityId: undefined };
}

function globalIdIn(type: GraphQLInputType, value: unknown): Target | undefined {
  const named = getNullableType(type);
  if (isScalarType(named) && named.name === "ID" && typeof value === "string") {
    const decoded = decodeGlobalIdSafely(value);
    // An undecodable ID names nothing; it is kept out of the trail rather than stored raw.
    return decoded.typename === INVALID_TYPENAME ? undefined : { entityType: decoded.typename, entityId: decoded.id };
  }
  if (isInputObjectType(named) && value && typeof value === "object") {
    for (const input of Object.values(named.getFields())) {
      const inner = getNullableType(input.type);
      if (!isScalarType(inner)) continue; // one level deep: ids of nested inputs are details, not the target
      const found = globalIdIn(input.type, (value as Record<string, unknown>)[input.name]);
      if (found) return found;
    }
  }
  return undefined;
}

/** What a read was about: the row the refused field belongs to (root fields have none). */
function targetOfParent(info: GraphQLResolveInfo, parent: unknown): Target | undefined {
  const id = (parent as { id?: unknown } | null | undefined)?.id;
  return typeof id === "string" ? { entityType: info.parentType.name, entityId: id } : undefined;
}
