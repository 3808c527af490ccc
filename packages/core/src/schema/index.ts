import { type GraphQLSchema, lexicographicSortSchema } from "graphql";
import { builder } from "./builder.ts";
import "./agency.ts";
import "./org-unit.ts";
import "./member.ts";
import "./viewer.ts";
import "./api-token.ts";
import "./stakeholder.ts";
import "./strategy.ts";
import "./activity.ts";
import "./survey.ts";
import "./feedback.ts";
import "./priority.ts";
import "./plan.ts";
import "./problem.ts";
import "./trend.ts";
import "./training.ts";
import "./admin.ts";

let schema: GraphQLSchema | undefined;

/** The core GraphQL schema (built once; profiles will extend the builder before this runs). */
export function buildSchema(): GraphQLSchema {
  schema ??= lexicographicSortSchema(builder.toSchema());
  return schema;
}

export { builder };
