import { startFloorServer } from "./floor-server.ts";
import { type LatencySummary, median, summarizeLatencies } from "./latency-summary.ts";
import type { SubscriberGroup, SubscriberGroupOptions } from "./subscriber-group.ts";

export interface FloorBaseline {
  description: string;
  delivered: number;
  latencyMs: LatencySummary;
  p99Ms: { worst: number; median: number };
  serverCpuPerEventMs: number;
}

export interface FloorOptions {
  subscribers: number;
  events: number;
  pauseMs: number;
  deliveryTimeoutMs: number;
  query: string;
  concurrency: number;
  /** Server CPU to pin to, if any. */
  cpu: number | undefined;
  /** Makes the subscribers, in this process or in workers, as the main run does. */
  subscriberGroup(options: SubscriberGroupOptions): SubscriberGroup;
}

/**
 * The same subscribers and subscription against graphql-ws and ws alone (`floor-server-entry.ts`),
 * measured in the same run: latency from publishing to receipt, and server CPU per event.
 */
export async function measureFloor(options: FloorOptions): Promise<FloorBaseline> {
  const floor = await startFloorServer({ cpu: options.cpu });
  const group = options.subscriberGroup({
    wsUrl: floor.wsUrl,
    tokens: Array.from({ length: options.subscribers }, () => "unused"),
    query: options.query,
    concurrency: options.concurrency,
  });
  try {
    const { connected } = await group.connect();
    const deadline = Date.now() + 60_000;
    while ((await floor.listeners()) < connected && Date.now() < deadline) await sleep(50);
    const raise = async (index: number) => {
      const cpuBefore = await floor.cpuMs();
      const entityId = `floor-${index}`;
      const published = await floor.publish(entityId);
      const receipts = await group.receipts(entityId, options.deliveryTimeoutMs);
      return {
        latencies: receipts.at.map((at) => at - published),
        cpuMs: (await floor.cpuMs()) - cpuBefore,
      };
    };
    await raise(0);
    const events = [];
    for (let index = 1; index <= options.events; index += 1) {
      await sleep(options.pauseMs);
      events.push(await raise(index));
    }
    const p99s = events.map((event) => summarizeLatencies(event.latencies).p99);
    return {
      description: "graphql-ws + ws + graphql-js alone: no authentication, database or envelop plugins",
      delivered: Math.min(...events.map((event) => event.latencies.length)),
      latencyMs: summarizeLatencies(events.flatMap((event) => event.latencies)),
      p99Ms: { worst: Math.max(...p99s), median: median(p99s) },
      serverCpuPerEventMs: median(events.map((event) => event.cpuMs)),
    };
  } finally {
    await group.close().catch(() => undefined);
    await floor.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
