import type { ChildProcess } from "node:child_process";

interface RequestEnvelope {
  requestId: number;
  body: unknown;
}

interface ReplyEnvelope {
  requestId: number;
  ok: boolean;
  body?: unknown;
  error?: string;
}

/**
 * The parent's side of a forked helper process: each request gets exactly one reply. The
 * benchmark's helpers (the server, subscriber workers) only ever answer, so request/reply
 * is the whole protocol. A helper that dies fails every request still waiting.
 */
export function ipcRequester(child: ChildProcess) {
  let nextId = 0;
  const waiting = new Map<number, { resolve: (body: unknown) => void; reject: (error: Error) => void }>();
  child.on("message", (message: ReplyEnvelope) => {
    const pending = waiting.get(message.requestId);
    if (!pending) return;
    waiting.delete(message.requestId);
    if (message.ok) pending.resolve(message.body);
    else pending.reject(new Error(message.error ?? "helper process failed"));
  });
  child.once("exit", (code, signal) => {
    for (const pending of waiting.values()) pending.reject(new Error(`helper process exited (${signal ?? code})`));
    waiting.clear();
  });
  return {
    request<Reply>(body: unknown): Promise<Reply> {
      const requestId = ++nextId;
      return new Promise<Reply>((resolve, reject) => {
        waiting.set(requestId, { resolve: resolve as (body: unknown) => void, reject });
        child.send({ requestId, body } satisfies RequestEnvelope);
      });
    },
  };
}

/**
 * The helper's side: answers each request from the parent with `handle`'s result (or its
 * error's stack), and exits when the parent goes away so no helper outlives a crashed bench.
 */
export function answerIpcRequests(handle: (body: never) => Promise<unknown>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error("this script is a helper process: start it with child_process.fork");
  process.on("message", (message: RequestEnvelope) => {
    handle(message.body as never).then(
      (body) => send({ requestId: message.requestId, ok: true, body } satisfies ReplyEnvelope),
      (error: unknown) =>
        send({
          requestId: message.requestId,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies ReplyEnvelope),
    );
  });
  process.once("disconnect", () => process.exit(0));
}
