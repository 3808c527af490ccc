import { secretFromString, seedDemo, signToken } from "@roundtable/core";
import { openDatabase } from "@roundtable/db";
import { type AppScratchDatabase, createAppScratchPostgres } from "@roundtable/testing";
import type { StreamAgency } from "./mutation-stream.ts";
import type { ServerProcess } from "./server-process.ts";

/** The agencies a crash test's mutation stream writes for. */
const AGENCIES = ["metro", "lakeview"];

/** One GraphQL request to a server process; anything but a clean answer throws. */
export async function graphql<Data>(server: ServerProcess, token: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (response.status !== 200 || body.errors || !body.data) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
  return body.data;
}

/** A coordinator of `agency`, signed with the server's secret. */
export function tokenFor(secret: string, agency: string) {
  return signToken({
    secret: secretFromString(secret),
    agency,
    email: `coordinator@${agency}.example`,
    roles: ["COORDINATOR"],
    ttl: "1h",
  });
}

/** The stream's participants: a few members of each agency, by database id. */
export async function streamAgencies(server: ServerProcess, secret: string): Promise<StreamAgency[]> {
  return Promise.all(
    AGENCIES.map(async (slug) => {
      const token = await tokenFor(secret, slug);
      const data = await graphql<{ members: { edges: { node: { id: string } }[] } }>(
        server,
        token,
        "{ members(first: 4) { edges { node { id } } } }",
      );
      const memberIds = data.members.edges.map((edge) => Buffer.from(edge.node.id, "base64").toString().split(":")[1] ?? "");
      return { slug, token, memberIds };
    }),
  );
}

/** Every name of the agency's stakeholders that start with `prefix`, as the API lists them. */
export async function stakeholderNames(server: ServerProcess, token: string, prefix: string): Promise<string[]> {
  type Page = {
    stakeholders: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = await graphql<Page>(
      server,
      token,
      `query ($search: String!, $after: String) {
        stakeholders(first: 100, after: $after, filter: { search: $search }) {
          edges { node { name } } pageInfo { hasNextPage endCursor }
        }
      }`,
      { search: prefix, after },
    );
    names.push(...page.stakeholders.edges.map((edge) => edge.node.name));
    if (!page.stakeholders.pageInfo.hasNextPage) return names;
    after = page.stakeholders.pageInfo.endCursor;
  }
}

/** A scratch PostgreSQL database as deployed (served through the application role) with the demo agencies in it. */
export async function demoScratchPostgres(adminUrl?: string): Promise<AppScratchDatabase> {
  const scratch = await createAppScratchPostgres(adminUrl);
  const database = await openDatabase({ databaseUrl: scratch.appUrl, poolSize: 2 });
  try {
    await seedDemo(database.prisma);
  } finally {
    await database.close();
  }
  return scratch;
}
