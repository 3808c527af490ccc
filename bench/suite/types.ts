import type { StatementCounts } from "../database/statement-counts.ts";
import type { QuietWait } from "../load/quiet-machine.ts";
import type { LoadResult } from "../load/run-load.ts";

export type DatabaseName = "postgres" | "pglite";
/** `roundtable+<label>`: Roundtable built with a variant's createApp options (`--variant`). */
export type ServerName = "roundtable" | "hand-written" | "postgraphile" | "yoga-hello" | `roundtable+${string}`;
export type WorkloadId = "W1" | "W2" | "W3" | "W4" | "W5" | "W6" | "hello";

export const WORKLOAD_TITLES: Record<WorkloadId, string> = {
  W1: "station dashboard",
  W2: "stakeholder list with filters",
  W3: "log an activity (mutation)",
  W4: "public agency page",
  W5: "full compliance evaluation",
  W6: "subscription fan-out",
  hello: "yoga { hello }",
};

/** One server under load with one workload. */
export interface Measurement {
  database: DatabaseName;
  server: ServerName;
  workload: WorkloadId;
  connections: number;
  load: LoadResult;
  /** Averaged over a few sequential requests after the load run. */
  statementsPerRequest?: StatementCounts | undefined;
  rssBytes: number;
  maxRssBytes: number;
  /** How quiet the machine was when the measured run began (see untilMachineIsQuiet). */
  quietBefore?: QuietWait | undefined;
  /**
   * A stream of writes sent alongside the measured load (workload 3, the same agency), each
   * of which invalidates the agency's cached answers: what a cache is worth while the data
   * changes. Measurements with writes are reported apart from the plain ones.
   */
  writes?: { perSecond: number; sent: number; p99Ms: number; failed: number } | undefined;
}

/** Workload 5: evaluations run one after another (the first raises every finding). */
export interface ComplianceTiming {
  database: DatabaseName;
  first: { ms: number; raised: number; statements?: StatementCounts | undefined };
  repeats: { ms: number[]; medianMs: number; statements?: StatementCounts | undefined };
}

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    postgres?: string;
    pinning: string;
    /** 1-minute load average when the run started and when it ended. */
    loadAverage: number[];
  };
  settings: { scale: number; durationSeconds: number; connections: number; mutationConnections: number };
  dataset: {
    seed: number;
    rows: Record<string, number>;
    fingerprint: string;
    loadSeconds: Partial<Record<DatabaseName, number>>;
  };
  measurements: Measurement[];
  compliance: ComplianceTiming[];
  /** W1 on PostgreSQL: the hand-written answer equals Roundtable's. */
  handWrittenSameJson?: boolean;
  /** W1 statements at a tenth of the data, to show the count does not grow with rows. */
  dashboardStatementsSmallData?: { scale: number; statements: StatementCounts };
  dashboardListShape: { listDepth: number; listFields: number };
  /** Workload 6 as bench/fanout measured it (its own result type). */
  fanout?: unknown;
  fanoutMarkdown?: string;
  fanoutSkipped?: string;
  ratios: Ratio[];
  targets: Target[];
  notes: string[];
}

export interface Ratio {
  name: string;
  value: number;
  /** What the target asks of this ratio, when it has one. */
  atLeast?: number;
  atMost?: number;
}

export interface Target {
  name: string;
  met: boolean | undefined;
  measured: string;
}
