import { readFileSync } from "node:fs";
import {
  buildSchema,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
} from "graphql";

let schema: GraphQLSchema | undefined;

function committedSchema() {
  schema ??= buildSchema(readFileSync(new URL("../../packages/core/schema.graphql", import.meta.url), "utf8"));
  return schema;
}

/**
 * The shape of a query the statement target is stated against: its list depth (the most
 * lists of objects on one path from the root; a connection's `edges` is one) and how many
 * such list fields it has in all.
 */
export function listShape(query: string): { listDepth: number; listFields: number } {
  const operation = parse(query).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error("no operation");
  const root = committedSchema().getRootType(operation.operation);
  if (!root) throw new Error(`no ${operation.operation} type`);
  let listFields = 0;
  const walk = (selectionSet: SelectionSetNode, fields: Record<string, GraphQLField<unknown, unknown>>): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) throw new Error("fragments are not used in the bench queries");
      const field = fields[selection.name.value];
      if (!field) continue;
      const named = getNamedType(field.type);
      // A list of scalars (a member's languages) comes with its row; only lists of objects need reading.
      const isList = isListType(getNullableType(field.type)) && isObjectType(named);
      if (isList) listFields += 1;
      const below = selection.selectionSet && isObjectType(named) ? walk(selection.selectionSet, named.getFields()) : 0;
      deepest = Math.max(deepest, below + (isList ? 1 : 0));
    }
    return deepest;
  };
  const listDepth = walk(operation.selectionSet, root.getFields());
  return { listDepth, listFields };
}
