import type { StatementCounts } from "../database/statement-counts.ts";
import { untilMachineIsQuiet } from "../load/quiet-machine.ts";
import { runLoad } from "../load/run-load.ts";
import type { RunningBenchServer } from "../servers/spawn-server.ts";
import type { DatabaseName, Measurement, ServerName, WorkloadId } from "./types.ts";

/** One HTTP request the load generator repeats. */
export interface HttpWorkload {
  workload: WorkloadId;
  headers: Record<string, string>;
  body: string;
  connections: number;
}

/** Where a server's SQL statements are counted: pg_stat_statements by role, or the server itself. */
export interface StatementCounter {
  reset(): Promise<void>;
  read(): Promise<StatementCounts>;
}

export interface MeasureOptions {
  database: DatabaseName;
  durationSeconds: number;
  warmupSeconds: number;
  counter?: StatementCounter | undefined;
}

const PROBE_REQUESTS = 5;

export function graphqlWorkload(
  workload: WorkloadId,
  query: string,
  options: { token?: string; variables?: Record<string, unknown>; connections: number },
): HttpWorkload {
  return {
    workload,
    headers: { "content-type": "application/json", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify({ query, ...(options.variables ? { variables: options.variables } : {}) }),
    connections: options.connections,
  };
}

/** Sends the workload's request once and returns the answer; an error answer fails the bench. */
export async function sendOnce(server: RunningBenchServer, spec: HttpWorkload): Promise<unknown> {
  const response = await fetch(`${server.url}/graphql`, { method: "POST", headers: spec.headers, body: spec.body });
  const text = await response.text();
  let body: { data?: unknown; errors?: unknown[] } | undefined;
  try {
    body = JSON.parse(text);
  } catch {}
  if (!response.ok || !body?.data || body.errors?.length) {
    throw new Error(`${server.name} ${spec.workload}: ${response.status} ${text.slice(0, 500)}`);
  }
  return body;
}

/**
 * Checks the answer, warms the server up, measures it under load from the other core, then
 * counts the SQL statements of a few requests sent one at a time.
 *
 * With `writes`, a mutation of the same agency is sent at a steady `perSecond` from the load
 * generator's core for as long as the load runs, and no statements are counted. Every write
 * commits a change of the agency, which drops its cached answers: the next read runs cold,
 * and so do the reads that wait for it.
 */
export async function measureHttp(
  server: RunningBenchServer,
  serverName: ServerName,
  spec: HttpWorkload,
  options: MeasureOptions & { writes?: { spec: HttpWorkload; perSecond: number } },
): Promise<Measurement> {
  const { writes } = options;
  await sendOnce(server, spec);
  if (writes) await sendOnce(server, writes.spec);
  const target = (workload: HttpWorkload) => ({
    url: `${server.url}/graphql`,
    method: "POST" as const,
    headers: workload.headers,
    body: workload.body,
  });
  await runLoad({ ...target(spec), connections: spec.connections, durationSeconds: options.warmupSeconds });
  await server.settle();
  const quietBefore = await untilMachineIsQuiet();
  const [result, written] = await Promise.all([
    runLoad({ ...target(spec), connections: spec.connections, durationSeconds: options.durationSeconds }),
    // Two connections, so a write waiting on a busy server does not hold the next one back.
    writes &&
      runLoad({
        ...target(writes.spec),
        connections: 2,
        overallRate: writes.perSecond,
        durationSeconds: options.durationSeconds,
      }),
  ]);
  await server.settle();
  const stats = await server.stats();
  const counter = writes ? undefined : options.counter;
  const measurement: Measurement = {
    database: options.database,
    server: serverName,
    workload: spec.workload,
    connections: spec.connections,
    load: result,
    statementsPerRequest: counter ? await statementsPerRequestOf(server, spec, counter) : undefined,
    rssBytes: stats.rssBytes,
    maxRssBytes: stats.maxRssBytes,
    quietBefore,
    writes:
      writes && written
        ? {
            perSecond: writes.perSecond,
            sent: written.requests,
            p99Ms: written.latencyMs.p99,
            failed: written.errors + written.non2xx + written.timeouts,
          }
        : undefined,
  };
  console.log(`${describe(measurement)}${written ? `, with ${written.requests} writes (${writes?.perSecond}/s)` : ""}`);
  return measurement;
}

export async function statementsPerRequestOf(server: RunningBenchServer, spec: HttpWorkload, counter: StatementCounter) {
  // One request first, uncounted: what a repeated request costs, not a sign-in remembered for
  // 10 s running out during the settle (a member's sign-in costs 2 statements once per TTL).
  await sendOnce(server, spec);
  await server.settle();
  await counter.reset();
  for (let index = 0; index < PROBE_REQUESTS; index++) await sendOnce(server, spec);
  // Work a request started in the background (event handlers) is part of its cost.
  await server.settle();
  const counts = await counter.read();
  const per = (value: number) => Math.round((value / PROBE_REQUESTS) * 10) / 10;
  return { total: per(counts.total), framing: per(counts.framing), data: per(counts.data) };
}

function describe(m: Measurement) {
  const statements = m.statementsPerRequest ? `, ${m.statementsPerRequest.total} SQL/op` : "";
  const failures = m.load.errors + m.load.non2xx + m.load.timeouts;
  return `  ${m.database} ${m.workload} ${m.server}: ${Math.round(m.load.requestsPerSecond)} req/s, p50 ${m.load.latencyMs.p50} ms, p99 ${m.load.latencyMs.p99} ms at ${m.connections} connections${statements}${failures ? `, ${failures} failed` : ""}`;
}
