/**
 * A process holding part of the subscribers (forked by `subscriber-workers.ts`), for runs
 * that spread the clients over several processes. It answers `connect`, `receipts` and
 * `close` over IPC with the same pool the single-process run uses.
 */
import { answerIpcRequests } from "./ipc-requests.ts";
import type { SubscriberGroup, SubscriberGroupOptions } from "./subscriber-group.ts";
import { createSubscriberPool } from "./subscriber-pool.ts";

export type WorkerRequest =
  | { kind: "connect"; options: SubscriberGroupOptions }
  | { kind: "receipts"; entityId: string; timeoutMs: number }
  | { kind: "close" };

let pool: SubscriberGroup | undefined;

answerIpcRequests(async (request: WorkerRequest) => {
  switch (request.kind) {
    case "connect":
      pool = createSubscriberPool(request.options);
      return pool.connect();
    case "receipts":
      if (!pool) throw new Error("receipts before connect");
      return pool.receipts(request.entityId, request.timeoutMs);
    case "close":
      await pool?.close();
      return null;
  }
});
