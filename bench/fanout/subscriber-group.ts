/** Subscribers as the benchmark drives them, in this process or in a worker process. */
export interface SubscriberGroup {
  /** Opens every socket (signs in with `connection_init`) and starts one subscription on each. */
  connect(): Promise<ConnectReport>;
  /**
   * When each subscriber received the event about `entityId` (monotonic ms), waiting until
   * every connected subscriber has it or `timeoutMs` passed.
   */
  receipts(entityId: string, timeoutMs: number): Promise<Receipts>;
  close(): Promise<void>;
}

export interface SubscriberGroupOptions {
  wsUrl: string;
  /** One subscriber per token. */
  tokens: string[];
  /** The subscription each subscriber runs; every event must carry `agencyEvents.entityId`. */
  query: string;
  /** Sockets being opened at once. */
  concurrency: number;
}

export interface ConnectReport {
  /** Sockets the server acknowledged (connection_ack). */
  connected: number;
  failed: number;
  /** The first few reasons sockets failed, for the report. */
  failures: string[];
  /** Per socket: ms from opening to connection_ack. */
  ackMs: number[];
}

export interface Receipts {
  /** Monotonic ms of each delivery, one per subscriber that received the event. */
  at: number[];
  /** Deliveries that carried GraphQL errors (a field this subscriber may not read, say). */
  withErrors: number;
}
