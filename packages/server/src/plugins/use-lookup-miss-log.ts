import type { Context } from "@roundtable/core";
import {
  type GraphQLArgument,
  GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import type { LookupMissMonitor } from "../security/lookup-miss-monitor.ts";
import { useFieldHook } from "./use-field-hook.ts";

/** IDs kept per logged lookup, and characters per ID: the caller's input, so bounded. */
const MAX_IDS = 50;
const MAX_ID_LENGTH = 128;
/** Input objects nest; IDs deeper than this are details of a lookup, not what it looked for. */
const MAX_INPUT_DEPTH = 3;

/**
 * Hands the monitor every lookup by ID that found nothing (SECURITY.md AU-03): a root query
 * or mutation field that takes IDs and answered NOT_FOUND, and `node(id:)` answering null
 * (for another agency's record as for none). Signed-in members only: the
 * public names agencies by slug, never by ID. Only root fields with ID arguments are
 * wrapped, so nothing else pays for it.
 */
export function useLookupMissLog(monitor: LookupMissMonitor): Plugin<Context> {
  return useFieldHook<Context>(takesIds, ({ context, info, args }) => {
    const principal = context.principal;
    if (principal.kind !== "member") return undefined;
    const field = info.parentType.getFields()[info.fieldName];
    if (!field) return undefined;
    const isQuery = info.parentType === info.schema.getQueryType();
    return ({ result }) => {
      const ids = missedIds(field, args, result, isQuery);
      if (ids.length === 0) return;
      monitor.record({
        requestId: context.requestId,
        principal,
        field: `${info.parentType.name}.${info.fieldName}`,
        ids: ids.slice(0, MAX_IDS).map((id) => id.slice(0, MAX_ID_LENGTH)),
      });
    };
  }) as Plugin<Context>;
}

function takesIds(schema: GraphQLSchema, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): boolean {
  if (type !== schema.getQueryType() && type !== schema.getMutationType()) return false;
  return field.args.some((arg) => carriesIds(arg.type, 0));
}

function carriesIds(type: GraphQLInputType, depth: number): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === "ID";
  if (!isInputObjectType(named) || depth >= MAX_INPUT_DEPTH) return false;
  return Object.values(named.getFields()).some((input) => carriesIds(input.type, depth + 1));
}

function missedIds(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  result: unknown,
  isQuery: boolean,
): string[] {
  if (result instanceof GraphQLError) {
    if (result.extensions.code !== "NOT_FOUND") return [];
    const named = namedFieldValues(result, args);
    return named.length > 0 ? named : idsIn(field.args, args);
  }
  // `node(id:)` of another agency's record (or of none) answers null; other fields may answer
  // null for what is merely absent (a unit without a plan), which is no failed lookup.
  return isQuery && result === null && getNamedType(field.type).name === "Node" ? idsIn(field.args, args) : [];
}

/**
 * The values the error names as not found: userError's `fields` are argument paths
 * (`input.unitId`, `input.feedbackIds.2`). Only strings: what a path leads to is the caller's input.
 */
function namedFieldValues(error: GraphQLError, args: Record<string, unknown>): string[] {
  const fields = error.extensions.fields;
  if (!Array.isArray(fields)) return [];
  const values: string[] = [];
  for (const entry of fields) {
    const path = (entry as { field?: unknown } | null)?.field;
    if (typeof path !== "string") continue;
    let value: unknown = args;
    for (const step of path.split("."))
      value = value && typeof value === "object" ? (value as Record<string, unknown>)[step] : undefined;
    if (typeof value === "string") values.push(value);
  }
  return values;
}

/** Every ID value among a field's arguments, inputs included, in argument order. */
function idsIn(definitions: readonly GraphQLArgument[], args: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const definition of definitions) collectIds(definition.type, args[definition.name], found, 0);
  return found;
}

function collectIds(type: GraphQLInputType, value: unknown, into: string[], depth: number) {
  if (value === null || value === undefined || into.length >= MAX_IDS) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) for (const item of value) collectIds(nullable.ofType, item, into, depth);
    return;
  }
  if (isScalarType(nullable)) {
    if (nullable.name === "ID" && typeof value === "string") into.push(value);
    return;
  }
  if (isInputObjectType(nullable) && typeof value === "object" && depth < MAX_INPUT_DEPTH) {
    for (const input of Object.values(nullable.getFields())) {
      collectIds(input.type, (value as Record<string, unknown>)[input.name], into, depth + 1);
    }
  }
}
