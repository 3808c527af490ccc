import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isIntrospectionType,
  isObjectType,
} from "graphql";
import type { Plugin } from "graphql-yoga";

/** What a hook sees of one field call; it may return what to do with the outcome. */
export type FieldHook<TContext> = (call: {
  root: unknown;
  args: Record<string, unknown>;
  context: TContext;
  info: GraphQLResolveInfo;
}) => ((outcome: { result: unknown }) => unknown) | undefined;

/** Which fields get the hook, decided from the schema alone, once. */
export type FieldSelector = (schema: GraphQLSchema, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) => boolean;

/**
 * Runs `hook` around the resolvers of the fields `selects` picks, and leaves every other field
 * as it is. `@envelop/on-resolve` wraps every field of the schema and asks per call; with two
 * such hooks a dashboard of a few thousand fields paid for both on each of them, though only
 * mutations and audited reads ever need one. The outcome hook sees the result or the thrown
 * error (then thrown on), and is awaited before the field's answer leaves.
 */
export function useFieldHook<TContext>(selects: FieldSelector, hook: FieldHook<TContext>): Plugin {
  const wrapped = Symbol("field hook");
  return {
    onSchemaChange({ schema }) {
      for (const type of Object.values(schema.getTypeMap())) {
        if (!isObjectType(type) || isIntrospectionType(type)) continue;
        for (const field of Object.values(type.getFields()) as (GraphQLField<unknown, unknown> & Record<symbol, true>)[]) {
          if (field[wrapped] || !selects(schema, type, field)) continue;
          const resolve = field.resolve ?? defaultFieldResolver;
          field.resolve = (root, args, context, info) => {
            const after = hook({ root, args, context: context as TContext, info });
            if (!after) return resolve(root, args, context, info);
            let outcome: unknown;
            try {
              outcome = resolve(root, args, context, info);
            } catch (error) {
              return settle(after, error, true);
            }
            return isPromise(outcome)
              ? outcome.then(
                  (result) => settle(after, result, false),
                  (error: unknown) => settle(after, error, true),
                )
              : settle(after, outcome, false);
          };
          field[wrapped] = true;
        }
      }
    },
  };
}

function settle(after: (outcome: { result: unknown }) => unknown, value: unknown, thrown: boolean): unknown {
  const finish = () => {
    if (thrown) throw value;
    return value;
  };
  const done = after({ result: value });
  return isPromise(done) ? done.then(finish) : finish();
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
