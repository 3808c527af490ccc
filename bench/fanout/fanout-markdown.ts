import type { FanoutResult } from "./subscription-fanout.ts";

/** The result as the markdown table the CLI prints and bench/README.md quotes. */
export function formatFanoutMarkdown(result: FanoutResult): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const memory = result.serverMemory;
  const rows: [string, string][] = [
    ["machine", `${result.machine.cpus} cores (${result.machine.cpuModel}), Node ${result.machine.node}`],
    ["load average at start / end", result.machine.loadAverage.join(" / ")],
    ["database", result.database === "embedded" ? "embedded PGlite" : "PostgreSQL"],
    ["subscribers (one agency, roles mixed)", `${result.subscribers}`],
    [
      "client processes",
      `${result.clientProcesses === 0 ? "1 (the bench process)" : `${result.clientProcesses} worker process${result.clientProcesses > 1 ? "es" : ""}`}${result.pinnedCpus ? "; server pinned to CPU 0, clients to CPU 1" : ""}`,
    ],
    ["connected / listening", `${result.connected} / ${result.listening}`],
    ["delivered (fewest over events)", `${result.delivered}`],
    [
      "latency p50 / p95 / p99 / max (all events)",
      ms(result.latencyMs.p50, result.latencyMs.p95, result.latencyMs.p99, result.latencyMs.max),
    ],
    ["p99 worst / median event", ms(result.p99Ms.worst, result.p99Ms.median)],
    ["per event p99", ms(...result.events.map((event) => event.latencyMs.p99))],
    ["warm-up event p99 / max", ms(result.warmup.latencyMs.p99, result.warmup.latencyMs.max)],
    [`target p99 < ${result.targetP99Ms} ms`, result.targetMet ? "met" : "MISSED"],
    [
      "server CPU per event (median)",
      `${result.serverCpu.perEventMs} ms, ${result.serverCpu.perSubscriberMicros} µs per subscriber`,
    ],
    ["mutation round trip (median event)", `${medianOf(result.events.map((event) => event.mutationMs))} ms`],
    ...(result.baseline
      ? ([
          [
            "baseline: graphql-ws alone, p99 worst / median event",
            `${result.baseline.p99Ms.worst} / ${result.baseline.p99Ms.median} ms (${result.baseline.delivered} delivered)`,
          ],
          ["baseline: server CPU per event", `${result.baseline.serverCpuPerEventMs} ms`],
          ["median p99 / baseline median p99", `${result.baseline.p99Ratio}`],
        ] as [string, string][])
      : []),
    [
      "connection setup (all listening)",
      `${result.setup.totalMs} ms; ack p50 ${result.setup.ackMs.p50} ms, p99 ${result.setup.ackMs.p99} ms`,
    ],
    [
      "server RSS before / idle / after delivery",
      `${mib(memory.beforeConnecting.rssBytes)} / ${mib(memory.idle.rssBytes)} / ${mib(memory.afterDelivery.rssBytes)}`,
    ],
    [
      "server heap before / idle / after delivery",
      `${mib(memory.beforeConnecting.heapUsedBytes)} / ${mib(memory.idle.heapUsedBytes)} / ${mib(memory.afterDelivery.heapUsedBytes)}`,
    ],
    [
      "per idle subscriber: RSS / heap / heap+external",
      `${kib(result.bytesPerIdleSubscriber.rss)} / ${kib(result.bytesPerIdleSubscriber.heap)} / ${kib(result.bytesPerIdleSubscriber.heapAndExternal)}`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const line = (a: string, b: string) => `| ${a.padEnd(width)} | ${b.padEnd(valueWidth)} |`;
  return [
    line("subscription fan-out", "result"),
    `| ${"-".repeat(width)} | ${"-".repeat(valueWidth)} |`,
    ...rows.map(([name, value]) => line(name, value)),
  ].join("\n");
}

function ms(...values: number[]): string {
  return `${values.join(" / ")} ms`;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
