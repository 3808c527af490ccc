import { type GraphQLSchema, lexicographicSortSchema } from "graphql";
import type { PolicyProfile } from "../profiles/define-policy-profile.ts";
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
import "./profiles.ts";
import "./compliance.ts";
import "./report.ts";
import "./public-agency.ts";
import "./live-events.ts";
import "./check-in.ts";

const extendedBy = new Set<string>();
const schemas = new Map<string, GraphQLSchema>();

/**
 * The GraphQL schema: the core plus what the installed profiles add. A profile's `schema`
 * function runs once per process; its fields answer only where the profile is enabled
 * (they carry `authScopes: { profile: id }`).
 */
export function buildSchema(profiles: readonly Pick<PolicyProfile, "id" | "schema">[] = []): GraphQLSchema {
  for (const profile of profiles) {
    if (extendedBy.has(profile.id)) continue;
    profile.schema?.(builder);
    extendedBy.add(profile.id);
  }
  const key = [...extendedBy].sort().join(",");
  let schema = schemas.get(key);
  if (!schema) {
    schema = lexicographicSortSchema(builder.toSchema());
    schemas.set(key, schema);
  }
  return schema;
}

export { builder };
