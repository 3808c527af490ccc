import type { Dataset } from "../data/generate.ts";

/** What every phase of a run shares. */
export interface SuiteContext {
  dataset: Dataset;
  /** HS256 secret every server checks tokens with. */
  secret: string;
  /** The first agency's Chief/Sheriff: whom the workloads sign in as. */
  chiefToken: string;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  mutationConnections: number;
  complianceRepeats: number;
  /** Scale of the second, smaller PostgreSQL database used to show statement counts do not grow with rows. */
  smallScale: number;
  /**
   * Roundtable variants to measure besides the default, on PostgreSQL: a label and createApp
   * options (JSON) for the server, e.g. a response cache once createApp offers one.
   */
  variants: { label: string; appOptions: Record<string, unknown> }[];
  /**
   * Each variant's dashboard is measured again while the same agency logs this many
   * activities a second (each one a change that drops the agency's cached answers).
   */
  writesPerSecond: number[];
}
