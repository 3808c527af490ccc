import { type BenchResults, type Measurement, WORKLOAD_TITLES } from "../suite/types.ts";

const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`;
const number = (value: number) => Math.round(value).toLocaleString("en-US");

function measurementRow(m: Measurement) {
  const statements = m.statementsPerRequest
    ? `${m.statementsPerRequest.total} (${m.statementsPerRequest.data} + ${m.statementsPerRequest.framing})`
    : "";
  const failed = m.load.errors + m.load.non2xx + m.load.timeouts;
  const title = m.writes
    ? `${WORKLOAD_TITLES[m.workload]}, ${m.writes.perSecond} write/s (${m.writes.sent} sent, p99 ${m.writes.p99Ms} ms${m.writes.failed ? `, ${m.writes.failed} failed` : ""})`
    : WORKLOAD_TITLES[m.workload];
  return `| ${m.database === "postgres" ? "PostgreSQL" : "PGlite"} | ${m.workload} ${title} | ${m.server} | ${m.connections} | ${number(m.load.requestsPerSecond)} | ${m.load.latencyMs.p50} | ${m.load.latencyMs.p99} | ${statements} | ${mib(m.rssBytes)} / ${mib(m.maxRssBytes)} | ${failed} |`;
}

/** bench/results/latest.md: every figure of the run, the ratios and where each target stands. */
export function resultsMarkdown(results: BenchResults, jsonName: string): string {
  const { machine, settings, dataset } = results;
  const lines = [
    `# Benchmark results, ${results.date}${results.quick ? " (quick run)" : ""}`,
    "",
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}` +
      (machine.postgres ? `, PostgreSQL ${machine.postgres}` : "") +
      `; ${machine.pinning}; load average ${machine.loadAverage.join(" at start, ")} at the end (other work on the machine skews absolute figures).`,
    `Data: scale ${settings.scale} (${number(dataset.rows.Activity ?? 0)} activities, ${number(dataset.rows.Feedback ?? 0)} feedback items, ${number(dataset.rows.Member ?? 0)} members over 2 agencies), seed ${dataset.seed}, fingerprint \`${dataset.fingerprint.slice(0, 16)}\`.`,
    `Each measurement: ${settings.durationSeconds} s of load after a warm-up, ${settings.connections} connections (${settings.mutationConnections} for the mutation). Raw figures: [${jsonName}](${jsonName}); chart: [latest.svg](latest.svg).`,
    "",
    "## Targets",
    "",
    "| target | measured | status |",
    "| --- | --- | --- |",
    ...results.targets.map(
      (t) => `| ${t.name} | ${t.measured} | ${t.met === undefined ? "not measured" : t.met ? "met" : "**missed**"} |`,
    ),
    "",
    "## Ratios (req/s, same run)",
    "",
    "| ratio | value | target |",
    "| --- | --- | --- |",
    ...results.ratios.map(
      (r) => `| ${r.name} | ${r.value}x | ${r.atLeast === undefined ? "" : `>= ${Math.round(r.atLeast * 100) / 100}x`} |`,
    ),
    "",
    "![ratios](latest.svg)",
    "",
    "## Throughput and latency",
    "",
    "SQL statements per request: total (data statements + BEGIN/agency setting/COMMIT), averaged over 5 requests sent one at a time after the load and one uncounted request; counted by pg_stat_statements per login role on PostgreSQL, by the server itself on PGlite. RSS: the server process's resident memory after the workload / its peak so far. Rows with writes: the dashboard under load while the same agency logs activities at a steady rate (workload 3 from the load generator's core, 2 connections); every write drops the agency's cached answers, so the reads after it run cold. Every measured run starts once the machine is quiet (at most 15% of all cores busy over half a second).",
    "",
    "| database | workload | server | connections | req/s | p50 ms | p99 ms | SQL statements / request | RSS / peak | failed |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.measurements.map(measurementRow),
    "",
    "## Workload 5: full compliance evaluation (one at a time)",
    "",
    "| database | first evaluation | findings raised | later evaluations (median) | SQL statements (later) |",
    "| --- | --- | --- | --- | --- |",
    ...results.compliance.map(
      (c) =>
        `| ${c.database === "postgres" ? "PostgreSQL" : "PGlite"} | ${c.first.ms} ms | ${c.first.raised} | ${c.repeats.medianMs} ms | ${c.repeats.statements?.total ?? ""} |`,
    ),
    "",
    "## Workload 6: subscription fan-out",
    "",
    results.fanout
      ? (results.fanoutMarkdown ?? fanoutText(results.fanout))
      : `Not measured: ${results.fanoutSkipped ?? "skipped"}.`,
    "",
    "## Notes",
    "",
    `- Workload 1 asks for ${results.dashboardListShape.listFields} lists of objects, nested at most ${results.dashboardListShape.listDepth} deep.`,
    results.handWrittenSameJson === undefined
      ? "- The hand-written handler was not run."
      : `- The hand-written handler's JSON ${results.handWrittenSameJson ? "equals" : "**differs from**"} Roundtable's for workload 1.`,
    ...results.notes.map((note) => `- ${note}`),
    "",
  ];
  return lines.join("\n");
}

function fanoutText(fanout: unknown) {
  return ["```json", JSON.stringify(fanout, null, 2), "```"].join("\n");
}
