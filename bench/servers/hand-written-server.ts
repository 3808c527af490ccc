/**
 * The floor under workload 1: a hand-written node:http handler that checks the bearer token
 * (same HS256 secret as the app), names the agency in a transaction as the row-level
 * security contract asks, and runs one hand-written statement that returns the same JSON
 * as Roundtable's GraphQL answer. No GraphQL, no ORM, no member lookup per request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { jwtVerify } from "jose";
import pg from "pg";
import { STATION_DASHBOARD_SQL } from "../workloads/station-dashboard.ts";
import { serveBench } from "./bench-endpoint.ts";

const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
const secret = new TextEncoder().encode(process.env.BENCH_SECRET ?? "");
const agencyIds = new Map<string, string>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function agencyIdOf(slug: string): Promise<string | undefined> {
  if (!agencyIds.has(slug)) {
    const found = await pool.query<{ id: string }>('SELECT id FROM "Agency" WHERE slug = $1', [slug]);
    if (found.rows[0]) agencyIds.set(slug, found.rows[0].id);
  }
  return agencyIds.get(slug);
}

async function dashboardFor(agencyId: string): Promise<string> {
  const client = await pool.connect();
  try {
    // BEGIN and the setting in one round trip; the id was checked to be a UUID.
    await client.query(`BEGIN; SELECT set_config('roundtable.agency_id', '${agencyId}', true)`);
    const result = await client.query<{ body: string }>(STATION_DASHBOARD_SQL);
    await client.query("COMMIT");
    return result.rows[0]!.body;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function answer(request: IncomingMessage, response: ServerResponse) {
  for await (const _chunk of request) {
    // The body names the workload; this handler serves only one.
  }
  try {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (!token) throw new Error("no token");
    const { payload } = await jwtVerify<{ agency: string }>(token, secret, { algorithms: ["HS256"], issuer: "roundtable" });
    const agencyId = await agencyIdOf(payload.agency);
    if (!agencyId || !UUID.test(agencyId)) throw new Error("unknown agency");
    const body = await dashboardFor(agencyId);
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  } catch (error) {
    response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
  }
}

serveBench(answer, { shutdown: () => pool.end() });
