/**
 * WebSocket close codes the server uses beyond graphql-ws' own (4400 bad message, 4401
 * unauthorized before ack, 4408 init timeout, 4409 duplicate id, 4429 second init). Clients
 * should reconnect on 1001 and 1013, and sign in again on 4403.
 */
export const CLOSE_CODES = {
  /** The server is shutting down (SIGTERM): reconnect, to another process if there is one. */
  goingAway: 1001,
  /** The client stopped reading; reconnect and resynchronise. */
  slowConsumer: 1013,
  /** The token was refused, or the member's access was revoked while connected. */
  forbidden: 4403,
} as const;
