/**
 * The framework's ceiling: graphql-yoga (the same version Roundtable serves with) answering
 * `{ hello }` from a one-field schema, with no plugins, no auth and no database.
 */
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";
import { benchEndpoints, reportListening } from "./bench-endpoint.ts";

const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { hello: String! }", resolvers: { Query: { hello: () => "world" } } }),
  graphiql: false,
  landingPage: false,
  logging: false,
});
const server = createServer(benchEndpoints()((request, response) => yoga(request, response)));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  reportListening(typeof address === "object" && address ? address.port : 0);
});
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
