/**
 * The framework's ceiling: graphql-yoga (the same version Roundtable serves with) answering
 * `{ hello }` from a one-field schema, with no plugins, no auth and no database.
 */
import { createSchema, createYoga } from "graphql-yoga";
import { serveBench } from "./bench-endpoint.ts";

const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { hello: String! }", resolvers: { Query: { hello: () => "world" } } }),
  graphiql: false,
  landingPage: false,
  logging: false,
  maxRequestBodySize: false,
});
serveBench((request, response) => yoga(request, response));
