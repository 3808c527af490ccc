import { type GraphQLField, type GraphQLObjectType, isObjectType } from "graphql";
import { expect, it } from "vitest";
import { buildSchema } from "../src/index.ts";

/** Relay plumbing carries no data of its own: its parent field's rule covers it. */
const PLUMBING = /^(PageInfo|.+Connection|.+ConnectionEdge|.+Edge)$/;

const declared = (thing: { extensions?: unknown }) =>
  Boolean((thing.extensions as { pothosOptions?: { authScopes?: unknown } } | undefined)?.pothosOptions?.authScopes);

it("declares an authorization rule on every root field and every object type", () => {
  const schema = buildSchema();
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    Boolean,
  ) as GraphQLObjectType[];
  const undeclared: string[] = [];
  for (const root of roots) {
    for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (!declared(field)) undeclared.push(`${root.name}.${field.name}`);
    }
  }
  const rootNames = new Set(roots.map((root) => root.name));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__") || rootNames.has(type.name) || PLUMBING.test(type.name)) continue;
    if (declared(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!declared(field)) undeclared.push(`${type.name}.${field.name}`);
    }
  }
  expect(undeclared).toEqual([]);
});
