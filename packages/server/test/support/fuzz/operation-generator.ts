import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from "graphql";
import type { ArgumentValues } from "./argument-values.ts";
import type { SeededRandom } from "./seeded-random.ts";

/** One generated operation, ready to post. */
export interface FuzzOperation {
  /** `query.feedback`, `mutation.createStakeholder`, ... */
  root: string;
  query: string;
  variables: Record<string, unknown>;
}

/** How deep selections go below the root field; the schema's connections need 3 to reach a node's fields. */
const MAX_DEPTH = 4;

/**
 * Walks the schema to build a random, mostly valid operation: one root field of Query or
 * Mutation (subscriptions are not fuzzed here), its arguments as variables of their declared
 * types, and a random selection of fields (with their own arguments) a few levels down,
 * through interfaces and unions by inline fragments.
 */
export function generateOperation(
  schema: GraphQLSchema,
  random: SeededRandom,
  values: ArgumentValues,
  mutationShare = 0.35,
): FuzzOperation {
  const mutation = schema.getMutationType();
  const rootType = mutation && random.chance(mutationShare) ? mutation : schema.getQueryType();
  if (!rootType) throw new Error("the schema has no Query type");
  const kind = rootType === mutation ? "mutation" : "query";
  const field = random.pick(Object.values(rootType.getFields()));

  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const argumentsOf = (args: readonly GraphQLArgument[]): string => {
    const given = args.filter((arg) => isNonNullType(arg.type) || random.chance(0.5));
    if (given.length === 0) return "";
    const parts = given.map((arg) => {
      const variable = `v${declarations.length}`;
      declarations.push(`$${variable}: ${String(arg.type)}`);
      variables[variable] = values.valueFor(arg.type, arg.name);
      return `${arg.name}: $${variable}`;
    });
    return `(${parts.join(", ")})`;
  };

  const selectionOf = (type: GraphQLNamedType, depth: number): string => {
    if (isLeafType(type)) return "";
    if (isAbstractType(type)) {
      const possible = random.some(schema.getPossibleTypes(type), 2);
      const fragments = possible.map((object) => `... on ${object.name} ${selectionOf(object, depth)}`);
      return `{ __typename ${fragments.join(" ")} }`;
    }
    if (!isObjectType(type)) return "{ __typename }";
    const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
    const leaves = fields.filter((candidate) => isLeafType(getNamedType(candidate.type)));
    const deeper = depth >= MAX_DEPTH ? [] : fields.filter((candidate) => !isLeafType(getNamedType(candidate.type)));
    const chosen = [...random.some(leaves, 4), ...random.some(deeper, 2)];
    if (chosen.length === 0) return "{ __typename }";
    const parts = chosen.map((child, index) => {
      const alias = random.chance(0.05) ? `a${index}: ` : "";
      return `${alias}${child.name}${argumentsOf(child.args)} ${selectionOf(getNamedType(child.type), depth + 1)}`.trim();
    });
    return `{ ${parts.join(" ")} }`;
  };

  const rootCall = `${field.name}${argumentsOf(field.args)} ${selectionOf(getNamedType(field.type), 1)}`.trim();
  const header = declarations.length > 0 ? `(${declarations.join(", ")})` : "";
  return { root: `${kind}.${field.name}`, query: `${kind} Fuzz${header} { ${rootCall} }`, variables };
}
