import { fileURLToPath } from "node:url";
import { forkHelper } from "./fork-helper.ts";
import { ipcRequester } from "./ipc-requests.ts";
import type { ConnectReport, Receipts, SubscriberGroup, SubscriberGroupOptions } from "./subscriber-group.ts";
import type { WorkerRequest } from "./subscriber-worker.ts";

const ENTRY = fileURLToPath(new URL("./subscriber-worker.ts", import.meta.url));

/**
 * The subscribers split over `processes` worker processes, driven as one group: connects
 * run in parallel (each worker with its share of the concurrency) and receipts are merged.
 * The workers stamp deliveries on the same monotonic clock as the server and this process.
 */
export function forkSubscriberWorkers(
  options: SubscriberGroupOptions,
  processes: number,
  /** Pin every worker to this CPU. */
  cpu?: number,
): SubscriberGroup {
  const workers = Array.from({ length: processes }, (_, index) => {
    const child = forkHelper(ENTRY, { execArgv: ["--import", "tsx"], cpu });
    const { request } = ipcRequester(child);
    const tokens = options.tokens.filter((_, position) => position % processes === index);
    return { child, ask: <Reply>(body: WorkerRequest) => request<Reply>(body), tokens };
  });

  return {
    async connect() {
      const reports = await Promise.all(
        workers.map((worker) =>
          worker.ask<ConnectReport>({
            kind: "connect",
            options: { ...options, tokens: worker.tokens, concurrency: Math.ceil(options.concurrency / processes) },
          }),
        ),
      );
      return {
        connected: reports.reduce((sum, report) => sum + report.connected, 0),
        failed: reports.reduce((sum, report) => sum + report.failed, 0),
        failures: reports.flatMap((report) => report.failures).slice(0, 5),
        ackMs: reports.flatMap((report) => report.ackMs),
      };
    },
    async receipts(entityId, timeoutMs) {
      const all = await Promise.all(workers.map((worker) => worker.ask<Receipts>({ kind: "receipts", entityId, timeoutMs })));
      return {
        at: all.flatMap((receipts) => receipts.at),
        withErrors: all.reduce((sum, receipts) => sum + receipts.withErrors, 0),
      };
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.ask({ kind: "close" }).catch(() => undefined)));
      for (const worker of workers) worker.child.kill();
    },
  };
}
