/**
 * The peer a user might pick instead: PostGraphile 4.14 (the last line that runs on Node 20)
 * serving the same database as its own member of roundtable_app, so the same row-level
 * security applies. `pgSettings` names the caller's agency for each request, after checking
 * the bearer token with the same HS256 secret. Defaults otherwise, as a user would start it
 * (no query cache tuning, no custom plugins).
 */
import { jwtVerify } from "jose";
import pg from "pg";
import { postgraphile } from "postgraphile";
import { serveBench } from "./bench-endpoint.ts";

// PostGraphile 4 drives pg with overlapping queries, which pg 8 reports as deprecated on every start.
process.noDeprecation = true;

const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const secret = new TextEncoder().encode(process.env.BENCH_SECRET ?? "");
const agencyIds = new Map<string, string>();

async function agencyIdOf(slug: string): Promise<string> {
  if (!agencyIds.has(slug)) {
    const found = await pool.query<{ id: string }>('SELECT id FROM "Agency" WHERE slug = $1', [slug]);
    if (found.rows[0]) agencyIds.set(slug, found.rows[0].id);
  }
  const id = agencyIds.get(slug);
  if (!id) throw new Error("unknown agency");
  return id;
}

const middleware = postgraphile(pool, "public", {
  graphqlRoute: "/graphql",
  graphiql: false,
  disableQueryLog: true,
  ignoreRBAC: false,
  // biome-ignore lint/suspicious/noExplicitAny: PostGraphile types the request as its own IncomingMessage.
  async pgSettings(request: any) {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!token) return {};
    const { payload } = await jwtVerify<{ agency: string }>(token, secret, { algorithms: ["HS256"], issuer: "roundtable" });
    return { "roundtable.agency_id": await agencyIdOf(payload.agency) };
  },
});

serveBench((request, response) => middleware(request, response), { shutdown: () => pool.end() });
