/**
 * Subscription fan-out (the live feeds issue's figure, workload 6 of the benchmark suite):
 * `subscribers` graphql-ws clients of one agency, each signed in as its own member (roles
 * mixed), hold an `agencyEvents` subscription on one server process; one mutation made
 * through the API raises an event; how long until each subscriber has it, and what an idle
 * subscriber costs the server in memory.
 *
 * @example
 * const result = await runSubscriptionFanout({ subscribers: 5000 });
 * console.log(result.p99.worst, result.bytesPerIdleSubscriber.rss);
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { type QuietWait, untilMachineIsQuiet } from "../load/quiet-machine.ts";
import { type FloorBaseline, measureFloor } from "./floor-baseline.ts";
import { type LatencySummary, median, summarizeLatencies } from "./latency-summary.ts";
import { monotonicMs } from "./monotonic-clock.ts";
import { assertEnoughOpenFiles } from "./open-file-limit.ts";
import { type FanoutServer, startFanoutServer } from "./server-process.ts";
import type { ServerMemory } from "./server-protocol.ts";
import type { SubscriberGroup, SubscriberGroupOptions } from "./subscriber-group.ts";
import { createSubscriberPool } from "./subscriber-pool.ts";
import { forkSubscriberWorkers } from "./subscriber-workers.ts";

/** Every field is resolved per subscriber; `actor` reads the member with the subscriber's own tenant-scoped client. */
export const FANOUT_SUBSCRIPTION = `subscription FanoutBench {
  agencyEvents(types: ["stakeholder.create"]) { type at entityType entityId actor { id name } }
}`;

const CREATE_STAKEHOLDER = `mutation FanoutBenchEvent($name: String!) {
  createStakeholder(input: { name: $name, kind: BUSINESS }) { stakeholder { id } }
}`;

/** The live feeds issue's target: one event reaches every subscriber with p99 under this. */
export const FANOUT_P99_TARGET_MS = 250;

export interface FanoutOptions {
  subscribers: number;
  /** @default "embedded" (PGlite in the server process); "postgres" needs TEST_DATABASE_URL. */
  database?: "embedded" | "postgres";
  /** Events measured after one warm-up event. @default 5 */
  events?: number;
  /** 0: the subscribers run in this process; n: in n worker processes. @default 0 */
  clientProcesses?: number;
  /**
   * Pin the server to CPU 0 and the subscribers to CPU 1 (taskset), so neither takes the
   * other's core; the subscribers then run in worker processes. @default false
   */
  pinCpus?: boolean;
  /** Sockets being opened at once. @default 100 */
  connectConcurrency?: number;
  /** How long to wait for an event to reach every subscriber. @default 30000 */
  deliveryTimeoutMs?: number;
  /** Pause between events, so each one starts from an idle server. @default 500 */
  pauseMs?: number;
  /**
   * Measure the same subscribers against graphql-ws and ws alone afterwards (the floor of
   * the transport on this machine, now), and report the ratio. @default true
   */
  baseline?: boolean;
  /** Write a CPU profile of the server during the measured events (not setup) to this path. */
  profilePath?: string;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface MemorySample {
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  openSockets: number;
}

export interface EventResult {
  /** Subscribers that received the event. */
  delivered: number;
  /** Deliveries that carried GraphQL errors. */
  withErrors: number;
  /** From the commit (the event reaching the server's bus) to each subscriber's receipt. */
  latencyMs: LatencySummary;
  /** The mutation's round trip as its client saw it. */
  mutationMs: number;
  /** From the commit to the mutation's response arriving at its client. */
  commitToResponseMs: number;
  /**
   * CPU the server spent on the event, from the mutation to the last delivery (ms, user +
   * system). Unlike latency it does not grow when other work shares the machine.
   */
  serverCpuMs: number;
  /** Share of the time this process's event loop was busy during the delivery (single-process runs). */
  clientEventLoopUtilization: number | null;
  /** How quiet the machine was when the event was raised (after the pause). */
  quietBefore?: QuietWait;
}

export interface FanoutResult {
  benchmark: "subscription-fanout";
  at: string;
  /** `loadAverage`: the machine's 1-minute load when the run started and ended; other work skews the figures. */
  machine: { cpus: number; cpuModel: string; memoryBytes: number; node: string; platform: string; loadAverage: [number, number] };
  database: "embedded" | "postgres";
  subscription: string;
  subscribers: number;
  subscriberRoles: Record<string, number>;
  clientProcesses: number;
  /** Server on CPU 0, subscribers on CPU 1. */
  pinnedCpus: boolean;
  /** Sockets the server acknowledged. */
  connected: number;
  /** Subscriptions the server started (listeners on the agency's topic). */
  listening: number;
  connectFailures: string[];
  /** The fewest subscribers any measured event reached. */
  delivered: number;
  /** Every measured event's receipts together. */
  latencyMs: LatencySummary;
  /** Server CPU per measured event (median), and per subscriber (µs). */
  serverCpu: { perEventMs: number; perSubscriberMicros: number };
  /** p99 of each measured event: the worst and the median. */
  p99Ms: { worst: number; median: number };
  targetP99Ms: number;
  targetMet: boolean;
  events: EventResult[];
  warmup: EventResult;
  setup: { totalMs: number; ackMs: LatencySummary };
  serverMemory: { beforeConnecting: MemorySample; idle: MemorySample; afterDelivery: MemorySample };
  bytesPerIdleSubscriber: { rss: number; heap: number; heapAndExternal: number };
  /** The bare transport measured in the same run, and median p99 / its median p99. */
  baseline?: FloorBaseline & { p99Ratio: number };
}

export async function runSubscriptionFanout(options: FanoutOptions): Promise<FanoutResult> {
  const database = options.database ?? "embedded";
  const eventCount = options.events ?? 5;
  const pinCpus = options.pinCpus ?? false;
  if (pinCpus && os.cpus().length < 2) throw new Error("pinning needs at least 2 CPUs");
  // Pinned subscribers must run in a process of their own (this one is not pinned).
  const clientProcesses = Math.max(options.clientProcesses ?? 0, pinCpus ? 1 : 0);
  const connectConcurrency = options.connectConcurrency ?? 100;
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 30_000;
  const pauseMs = options.pauseMs ?? 500;
  const log = options.log ?? (() => undefined);

  assertEnoughOpenFiles(options.subscribers);
  const subscriberGroup = (groupOptions: SubscriberGroupOptions) =>
    clientProcesses > 0
      ? forkSubscriberWorkers(groupOptions, clientProcesses, pinCpus ? 1 : undefined)
      : createSubscriberPool(groupOptions);
  const loadAtStart = os.loadavg()[0] ?? 0;
  log(`starting the server (${database}) with ${options.subscribers} subscriber members`);
  const server = await startFanoutServer({ database, subscribers: options.subscribers, cpu: pinCpus ? 0 : undefined });
  let group: SubscriberGroup | undefined;
  let result: FanoutResult;
  try {
    const beforeConnecting = await server.memory();
    const groupOptions = {
      wsUrl: server.wsUrl,
      tokens: server.subscriberTokens,
      query: FANOUT_SUBSCRIPTION,
      concurrency: connectConcurrency,
    };
    group = subscriberGroup(groupOptions);

    log(`connecting ${options.subscribers} subscribers (${clientProcesses || "this"} process${clientProcesses > 1 ? "es" : ""})`);
    const setupStarted = monotonicMs();
    const connection = await group.connect();
    const listening = await waitForListeners(server, connection.connected);
    const setupMs = monotonicMs() - setupStarted;
    log(`${connection.connected} connected, ${listening} listening after ${Math.round(setupMs)} ms`);

    await sleep(1000);
    const idle = await server.memory();

    const raise = (label: string) => raiseEvent(server, group!, label, deliveryTimeoutMs, clientProcesses === 0);
    const warmup = await raise("warm-up");
    log(`warm-up: ${warmup.delivered} delivered, p99 ${warmup.latencyMs.p99} ms`);
    const events: MeasuredEvent[] = [];
    if (options.profilePath) await server.profileStart();
    for (let index = 0; index < eventCount; index += 1) {
      await sleep(pauseMs);
      // Each event starts from a quiet machine: not while the last one's garbage is still collected elsewhere.
      const quietBefore = await untilMachineIsQuiet({ timeoutMs: 10_000 });
      const event = { ...(await raise(`event ${index + 1}`)), quietBefore };
      events.push(event);
      log(
        `event ${index + 1}: ${event.delivered} delivered, p50 ${event.latencyMs.p50} ms, p99 ${event.latencyMs.p99} ms, max ${event.latencyMs.max} ms`,
      );
    }
    if (options.profilePath) await server.profileStop(options.profilePath);
    const afterDelivery = await server.memory();

    const p99s = events.map((event) => event.latencyMs.p99);
    const worstP99 = Math.max(...p99s);
    const delivered = Math.min(...events.map((event) => event.delivered));
    const n = options.subscribers;
    result = {
      benchmark: "subscription-fanout",
      at: new Date().toISOString(),
      machine: machine(loadAtStart),
      database,
      subscription: FANOUT_SUBSCRIPTION.replace(/\s+/g, " "),
      subscribers: n,
      subscriberRoles: countRoles(server.subscriberRoles),
      clientProcesses,
      pinnedCpus: pinCpus,
      connected: connection.connected,
      listening,
      connectFailures: connection.failures,
      delivered,
      latencyMs: summarizeLatencies(events.flatMap((event) => event.allLatencies)),
      p99Ms: { worst: worstP99, median: median(p99s) },
      serverCpu: {
        perEventMs: median(events.map((event) => event.serverCpuMs)),
        perSubscriberMicros: Math.round((median(events.map((event) => event.serverCpuMs)) * 1000) / n),
      },
      targetP99Ms: FANOUT_P99_TARGET_MS,
      targetMet: delivered === n && worstP99 < FANOUT_P99_TARGET_MS,
      events: events.map(withoutSamples),
      warmup: withoutSamples(warmup),
      setup: { totalMs: Math.round(setupMs), ackMs: summarizeLatencies(connection.ackMs) },
      serverMemory: {
        beforeConnecting: sample(beforeConnecting),
        idle: sample(idle),
        afterDelivery: sample(afterDelivery),
      },
      bytesPerIdleSubscriber: {
        rss: Math.round((idle.rss - beforeConnecting.rss) / n),
        heap: Math.round((idle.heapUsed - beforeConnecting.heapUsed) / n),
        heapAndExternal: Math.round((idle.heapUsed + idle.external - beforeConnecting.heapUsed - beforeConnecting.external) / n),
      },
    };
  } finally {
    await group?.close().catch(() => undefined);
    await server.stop();
  }
  if (options.baseline === false) return result;
  log("the same subscribers against graphql-ws alone (baseline)");
  const floor = await measureFloor({
    subscribers: options.subscribers,
    events: eventCount,
    pauseMs,
    deliveryTimeoutMs,
    query: FANOUT_SUBSCRIPTION,
    concurrency: connectConcurrency,
    cpu: pinCpus ? 0 : undefined,
    subscriberGroup,
  });
  log(`baseline: ${floor.delivered} delivered, p99 worst ${floor.p99Ms.worst} ms, median ${floor.p99Ms.median} ms`);
  return {
    ...result,
    baseline: { ...floor, p99Ratio: Math.round((result.p99Ms.median / Math.max(floor.p99Ms.median, 0.1)) * 100) / 100 },
  };
}

type MeasuredEvent = EventResult & { allLatencies: number[] };

/** One mutation through the API, then every subscriber's receipt of its event. */
async function raiseEvent(
  server: FanoutServer,
  group: SubscriberGroup,
  label: string,
  timeoutMs: number,
  clientInThisProcess: boolean,
): Promise<MeasuredEvent> {
  const cpuBefore = await server.cpuMs();
  const loopBefore = performance.eventLoopUtilization();
  const sent = monotonicMs();
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${server.mutationToken}` },
    body: JSON.stringify({ query: CREATE_STAKEHOLDER, variables: { name: `Fan-out bench ${label}` } }),
  });
  const body = (await response.json()) as { data?: { createStakeholder?: { stakeholder?: { id: string } } }; errors?: unknown };
  const answered = monotonicMs();
  const globalId = body.data?.createStakeholder?.stakeholder?.id;
  if (!globalId) throw new Error(`the event's mutation failed: ${JSON.stringify(body.errors ?? body)}`);
  const receipts = await group.receipts(globalId, timeoutMs);
  const loop = performance.eventLoopUtilization(loopBefore);
  const serverCpuMs = (await server.cpuMs()) - cpuBefore;
  const committed = await server.commitTime(databaseIdOf(globalId));
  if (committed === null) throw new Error(`the server never saw the commit of ${globalId}`);
  const latencies = receipts.at.map((at) => at - committed);
  return {
    delivered: receipts.at.length,
    withErrors: receipts.withErrors,
    latencyMs: summarizeLatencies(latencies),
    mutationMs: Math.round((answered - sent) * 10) / 10,
    commitToResponseMs: Math.round((answered - committed) * 10) / 10,
    serverCpuMs: Math.round(serverCpuMs * 10) / 10,
    clientEventLoopUtilization: clientInThisProcess ? Math.round(loop.utilization * 100) / 100 : null,
    allLatencies: latencies,
  };
}

function withoutSamples({ allLatencies: _samples, ...event }: MeasuredEvent): EventResult {
  return event;
}

/** Relay global IDs are base64 of `Type:id`; the server stamps commits by the database id. */
function databaseIdOf(globalId: string): string {
  const decoded = Buffer.from(globalId, "base64").toString("utf8");
  return decoded.slice(decoded.indexOf(":") + 1);
}

/** Connection acks come before the subscription is running; the server's listener count says when all are. */
async function waitForListeners(server: FanoutServer, expected: number, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let listeners = await server.listeners();
  while (listeners < expected && Date.now() < deadline) {
    await sleep(50);
    listeners = await server.listeners();
  }
  return listeners;
}

function sample(memory: ServerMemory): MemorySample {
  return {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    externalBytes: memory.external,
    openSockets: memory.openSockets,
  };
}

function countRoles(roles: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const role of roles) counts[role] = (counts[role] ?? 0) + 1;
  return counts;
}

function machine(loadAtStart: number): FanoutResult["machine"] {
  const cpus = os.cpus();
  const round = (load: number) => Math.round(load * 100) / 100;
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: [round(loadAtStart), round(os.loadavg()[0] ?? 0)],
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
