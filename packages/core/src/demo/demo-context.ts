import type { Prisma } from "@roundtable/db";

/** What each demo-data step gets: the transaction, the agency, and rows made before it. */
export interface DemoContext {
  tx: Prisma.TransactionClient;
  agency: { id: string; slug: string };
  /** Org units by name. */
  units: Map<string, string>;
  /** Members by their single demo role (e.g. "UNIT_COMMANDER"), and extra members by email. */
  members: Map<string, string>;
}

export type DemoStep = (demo: DemoContext) => Promise<void>;
