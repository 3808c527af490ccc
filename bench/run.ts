/**
 * `pnpm bench`: the performance issue's workloads on PostgreSQL and embedded PGlite, with
 * the in-run baselines (yoga hello, a hand-written handler, PostGraphile), written to
 * bench/results/<date>.json, latest.md and latest.svg.
 *
 *   pnpm bench                      full data, both databases (about 10 minutes on 2 cores)
 *   pnpm bench --quick              a tenth of the data, shorter runs (a few minutes)
 *   pnpm bench --db pg|pglite|both  --duration <seconds>  --scale <factor>  --connections <n>
 *   pnpm bench --variant jit='{"jit":true}'  also measures Roundtable built with those createApp options
 *
 * The main Roundtable server runs without the response cache, so its figures (and SQL
 * statement counts) are what every request costs cold. Without --variant, the run also
 * measures `cache`: the response cache as `pnpm start` enables it (RESPONSE_CACHE_TTL_MS).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { secretFromString, signToken } from "@roundtable/core";
import { fingerprint, generateDataset, rowCounts } from "./data/generate.ts";
import { pinning } from "./load/cpu-pinning.ts";
import { untilMachineIsQuiet } from "./load/quiet-machine.ts";
import { resultsMarkdown } from "./report/markdown.ts";
import { ratioChartSvg } from "./report/ratio-chart.ts";
import { ratiosOf, targetsOf } from "./report/ratios-and-targets.ts";
import type { SuiteContext } from "./suite/context.ts";
import { runPglitePhase } from "./suite/pglite-phase.ts";
import { runPostgresPhase } from "./suite/postgres-phase.ts";
import type { BenchResults } from "./suite/types.ts";
import { listShape } from "./workloads/list-depth.ts";
import { STATION_DASHBOARD_QUERY } from "./workloads/station-dashboard.ts";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    db: { type: "string", default: "both" },
    duration: { type: "string" },
    scale: { type: "string" },
    connections: { type: "string", default: "50" },
    variant: { type: "string", multiple: true, default: [] },
    out: { type: "string", default: fileURLToPath(new URL("./results/", import.meta.url)) },
  },
});
if (!["pg", "pglite", "both"].includes(flags.db)) throw new Error("--db must be pg, pglite or both");
const quick = flags.quick;
const scale = Number(flags.scale ?? (quick ? 0.1 : 1));
const durationSeconds = Number(flags.duration ?? (quick ? 5 : 10));
const connections = Number(flags.connections);
const began = performance.now();
const round1 = (value: number) => Math.round(value * 10) / 10;

const secret = "roundtable-bench-secret-not-for-production-0123456789";
/** The server as `pnpm start` runs it: query answers reused for 10 s, dropped on every change. */
const DEFAULT_VARIANT = 'cache={"responseCache":{"ttlMs":10000}}';
const dataset = generateDataset({ scale });
const chief = dataset.agencies[0]!;
const context: SuiteContext = {
  dataset,
  secret,
  chiefToken: await signToken({
    secret: secretFromString(secret),
    agency: chief.slug,
    email: chief.chiefEmail,
    roles: ["CHIEF"],
    ttl: "6h",
  }),
  durationSeconds,
  warmupSeconds: Math.max(2, Math.round(durationSeconds / 3)),
  connections,
  mutationConnections: Math.min(connections, 10),
  complianceRepeats: quick ? 2 : 3,
  smallScale: scale / 10,
  variants: (flags.variant.length > 0 ? flags.variant : [DEFAULT_VARIANT]).map((text) => {
    const [label, ...json] = text.split("=");
    if (!label || json.length === 0) throw new Error("--variant takes label='{createApp options as JSON}'");
    return { label, appOptions: JSON.parse(json.join("=")) as Record<string, unknown> };
  }),
  // The bench agency's data is about 40 changes a day over five years; one a second is far
  // beyond any station's day, and five a second shows where it bends.
  writesPerSecond: quick ? [1] : [1, 5],
};
console.log(
  `pnpm bench: scale ${scale}, ${durationSeconds} s per measurement, ${connections} connections, databases: ${flags.db}`,
);

const results: BenchResults = {
  date: new Date().toISOString().slice(0, 10),
  quick,
  machine: {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    loadAverage: [round1(loadavg()[0]!)],
    pinning: pinning
      ? `servers pinned to core ${pinning.server}, load generator to core ${pinning.load} (taskset), PostgreSQL unpinned`
      : "no CPU pinning (taskset missing or one core)",
  },
  settings: { scale, durationSeconds, connections, mutationConnections: context.mutationConnections },
  dataset: { seed: dataset.seed, rows: rowCounts(dataset), fingerprint: fingerprint(dataset), loadSeconds: {} },
  measurements: [],
  compliance: [],
  dashboardListShape: listShape(STATION_DASHBOARD_QUERY),
  ratios: [],
  targets: [],
  notes: [],
};

if (flags.db !== "pglite") {
  const postgres = await runPostgresPhase(context);
  results.machine.postgres = postgres.serverVersion;
  results.dataset.loadSeconds.postgres = postgres.loadSeconds;
  results.measurements.push(...postgres.measurements);
  results.compliance.push(...postgres.compliance);
  results.handWrittenSameJson = postgres.handWrittenSameJson;
  results.dashboardStatementsSmallData = postgres.dashboardStatementsSmallData;
}
if (flags.db !== "pg") {
  const pglite = await runPglitePhase(context);
  results.dataset.loadSeconds.pglite = pglite.loadSeconds;
  results.measurements.push(...pglite.measurements);
  results.compliance.push(...pglite.compliance);
}
await runFanout(results);

results.machine.loadAverage.push(round1(loadavg()[0]!));
results.ratios = ratiosOf(results);
results.targets = targetsOf(results, results.ratios);
results.notes.push(
  "Every server process logs in to PostgreSQL as its own member of roundtable_app, so the same row-level security applies to Roundtable, the hand-written handler and PostGraphile.",
  "The hand-written handler and PostGraphile resolve the agency from the token's slug once and cache it; Roundtable looks the member up on every request (a disabled member is refused at once).",
  `The whole run took ${Math.round((performance.now() - began) / 1000)} s.`,
);

mkdirSync(flags.out, { recursive: true });
const jsonName = `${results.date}${quick ? "-quick" : ""}.json`;
writeFileSync(join(flags.out, jsonName), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(flags.out, "latest.md"), resultsMarkdown(results, jsonName));
writeFileSync(join(flags.out, "latest.svg"), ratioChartSvg(results.ratios, `Roundtable benchmark ratios, ${results.date}`));
console.log(`\nTargets:`);
for (const target of results.targets) {
  console.log(`  ${target.met === undefined ? "n/a   " : target.met ? "met   " : "MISSED"} ${target.name}: ${target.measured}`);
}
console.log(`\nWrote ${join(flags.out, jsonName)}, latest.md and latest.svg`);

/**
 * Workload 6 is the live-feeds issue's fan-out figure, measured by bench/fanout (its own
 * module and CLI, `pnpm bench:fanout`); this run includes it when that module is present.
 */
async function runFanout(into: BenchResults) {
  const module = new URL("./fanout/subscription-fanout.ts", import.meta.url);
  if (!existsSync(module)) {
    into.fanoutSkipped = "bench/fanout/subscription-fanout.ts is not there yet";
    return;
  }
  try {
    const { runSubscriptionFanout } = (await import(module.href)) as {
      runSubscriptionFanout(options: { subscribers: number }): Promise<unknown>;
    };
    const subscribers = quick ? 1000 : 5000;
    console.log(`W6 subscription fan-out: ${subscribers} subscribers`);
    // Not while PostgreSQL is still busy after the last phase's writes (autovacuum).
    await untilMachineIsQuiet();
    into.fanout = await runSubscriptionFanout({ subscribers });
    const markdown = new URL("./fanout/fanout-markdown.ts", import.meta.url);
    if (existsSync(markdown)) {
      const { formatFanoutMarkdown } = (await import(markdown.href)) as { formatFanoutMarkdown(result: unknown): string };
      into.fanoutMarkdown = formatFanoutMarkdown(into.fanout);
    }
  } catch (error) {
    into.fanoutSkipped = `failed: ${String(error).slice(0, 300)}`;
    console.warn(`  W6 fan-out ${into.fanoutSkipped}`);
  }
}
