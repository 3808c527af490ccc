import type { StatementCounts } from "../database/statement-counts.ts";
import type { RunningBenchServer } from "../servers/spawn-server.ts";
import { type HttpWorkload, type StatementCounter, sendOnce } from "./measure.ts";
import type { ComplianceTiming, DatabaseName } from "./types.ts";

/**
 * Workload 5 is not a throughput figure: one agency's full evaluation is run through the API
 * one at a time, first on fresh data (every finding raised), then again (findings refreshed).
 */
export async function timeComplianceEvaluation(
  server: RunningBenchServer,
  spec: HttpWorkload,
  database: DatabaseName,
  repeats: number,
  counter?: StatementCounter,
): Promise<ComplianceTiming> {
  const once = async () => {
    await server.settle();
    await counter?.reset();
    const began = performance.now();
    const body = (await sendOnce(server, spec)) as { data: { evaluateCompliance: { raised: number } } };
    const ms = Math.round(performance.now() - began);
    await server.settle();
    return { ms, raised: body.data.evaluateCompliance.raised, statements: await counter?.read() };
  };
  const first = await once();
  const later: { ms: number; statements?: StatementCounts | undefined }[] = [];
  for (let index = 0; index < repeats; index++) later.push(await once());
  const ms = later.map((run) => run.ms);
  const timing: ComplianceTiming = {
    database,
    first,
    repeats: { ms, medianMs: median(ms), statements: later.at(-1)?.statements },
  };
  console.log(
    `  ${database} W5 roundtable: first evaluation ${first.ms} ms (${first.raised} findings raised), then median ${timing.repeats.medianMs} ms` +
      (timing.repeats.statements ? `, ${timing.repeats.statements.total} SQL statements` : ""),
  );
  return timing;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}
