/** What the benchmark asks the server process (`server-entry.ts`) over IPC. */
export type ServerRequest =
  | { kind: "describe" }
  | { kind: "memory" }
  | { kind: "listeners" }
  | { kind: "cpu" }
  | { kind: "profileStart" }
  | { kind: "profileStop"; path: string }
  | { kind: "commitTime"; entityId: string }
  | { kind: "stop" };

export interface ServerDescription {
  url: string;
  wsUrl: string;
  agencySlug: string;
  /** One token per subscriber, each for its own member of the agency, roles mixed. */
  subscriberTokens: string[];
  /** Roles of the subscribers, in the order of their tokens. */
  subscriberRoles: string[];
  /** A member allowed to create stakeholders: the mutation that raises each event. */
  mutationToken: string;
}

/** `process.memoryUsage()` of the server after a full garbage collection, in bytes. */
export interface ServerMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** WebSockets the server holds open. */
  openSockets: number;
}

export interface ServerListeners {
  /** Live-event listeners on the agency's topic: one per subscription the server has started. */
  listeners: number;
}

export interface CommitTime {
  /** Monotonic ms at which the committed event reached the server's event bus; null if not yet. */
  at: number | null;
}

/** `process.cpuUsage()` of the server: microseconds of CPU it used, wherever the machine's load. */
export interface ServerCpu {
  user: number;
  system: number;
}
