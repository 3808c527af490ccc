import type { WebSocket } from "ws";
import { CLOSE_CODES } from "./close-codes.ts";

export interface SlowConsumerOptions {
  /** A socket with more bytes than this waiting to be written is dropped at once. @default 1 MiB */
  maxBufferedBytes?: number;
  /** A socket whose pending write has made no progress for this long is dropped. @default 10000 */
  stallMs?: number;
  /** After closing, how long the close handshake may take before the socket is destroyed. @default 5000 */
  terminateAfterMs?: number;
}

interface Watched {
  /** Deliveries since the last sweep: each one means the previous write of its subscription drained. */
  progressed: boolean;
  stalledSince: number | undefined;
}

/**
 * Keeps clients that stop reading from growing the server's memory. graphql-ws writes one
 * message per subscription at a time and waits for it to drain, so a stuck socket holds at
 * most one message per subscription; the event streams behind it are bounded too (they end
 * with RATE_LIMITED past their queue limit). Here such a socket is found and closed with
 * 1013 ("try again later"), then destroyed if it does not answer the close handshake.
 */
export function createSlowConsumerGuard(options: SlowConsumerOptions = {}) {
  const maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
  const stallMs = options.stallMs ?? 10_000;
  const terminateAfterMs = options.terminateAfterMs ?? 5000;
  const sockets = new Map<WebSocket, Watched>();

  function drop(socket: WebSocket): void {
    sockets.delete(socket);
    if (socket.readyState !== socket.OPEN) return;
    socket.close(CLOSE_CODES.slowConsumer, "Slow consumer: reconnect");
    setTimeout(() => socket.terminate(), terminateAfterMs).unref();
  }

  const sweeper = setInterval(
    () => {
      const now = Date.now();
      for (const [socket, watched] of sockets) {
        if (socket.bufferedAmount > maxBufferedBytes) {
          drop(socket);
        } else if (socket.bufferedAmount === 0 || watched.progressed) {
          watched.stalledSince = undefined;
        } else if (watched.stalledSince === undefined) {
          watched.stalledSince = now;
        } else if (now - watched.stalledSince >= stallMs) {
          drop(socket);
        }
        watched.progressed = false;
      }
    },
    Math.max(50, Math.min(1000, stallMs / 4)),
  );
  sweeper.unref();

  return {
    watch(socket: WebSocket): void {
      sockets.set(socket, { progressed: false, stalledSince: undefined });
      socket.once("close", () => sockets.delete(socket));
    },
    /** Called before each message is sent. */
    delivering(socket: WebSocket): void {
      const watched = sockets.get(socket);
      if (!watched) return;
      watched.progressed = true;
      if (socket.bufferedAmount > maxBufferedBytes) drop(socket);
    },
    stop(): void {
      clearInterval(sweeper);
      sockets.clear();
    },
  };
}
