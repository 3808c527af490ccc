import { type Authenticate, type Principal, stillHolds } from "@roundtable/core";
import type { WebSocket } from "ws";
import { CLOSE_CODES } from "./close-codes.ts";

interface Connection {
  authorization: string | undefined;
  principal: Principal;
}

/**
 * Re-checks every signed-in socket's credential every `intervalMs` (token expired, member
 * disabled, role taken away, member moved) and closes the socket with 4403 when it no
 * longer grants what it did at connection time. Pothos checks a subscription's scopes once,
 * when it starts; without this, a revoked member would keep receiving events.
 */
export function createRevocationWatch(authenticate: Authenticate, intervalMs: number) {
  const connections = new Map<WebSocket, Connection>();
  let running = false;

  const timer = setInterval(() => {
    if (running) return; // a slow database must not pile sweeps on top of each other
    running = true;
    void sweep().finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();

  async function sweep(): Promise<void> {
    for (const [socket, connection] of connections) {
      if (connection.principal.kind === "public") continue;
      const now = await authenticate(connection.authorization).catch(() => undefined);
      if (now && stillHolds(connection.principal, now)) continue;
      connections.delete(socket);
      if (socket.readyState === socket.OPEN) socket.close(CLOSE_CODES.forbidden, "Forbidden: sign in again");
    }
  }

  return {
    watch(socket: WebSocket, authorization: string | undefined, principal: Principal): void {
      connections.set(socket, { authorization, principal });
      socket.once("close", () => connections.delete(socket));
    },
    stop(): void {
      clearInterval(timer);
      connections.clear();
    },
  };
}
