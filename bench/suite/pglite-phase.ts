import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, pgliteExecutor } from "@roundtable/db";
import { loadDataset } from "../data/load.ts";
import { spawnServer } from "../servers/spawn-server.ts";
import { timeComplianceEvaluation } from "./compliance-timing.ts";
import type { SuiteContext } from "./context.ts";
import { measureHttp, type StatementCounter } from "./measure.ts";
import { withServer } from "./postgres-phase.ts";
import type { ComplianceTiming, Measurement } from "./types.ts";
import { complianceWorkload, roundtableWorkloads } from "./workload-specs.ts";

/**
 * Roundtable on embedded PGlite, as `pnpm start` runs it without DATABASE_URL: the data is
 * loaded into a data directory first, then a server process opens it and is measured on
 * workloads 1-5. PGlite has no pg_stat_statements, so the server counts its own statements.
 */
export async function runPglitePhase(context: SuiteContext) {
  const dataDir = join(tmpdir(), `roundtable-bench-pglite-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(join(dataDir, "pgdata"), { recursive: true });
  try {
    const began = performance.now();
    const pglite = new PGlite(join(dataDir, "pgdata"));
    const sql = pgliteExecutor(pglite);
    await applyMigrations(sql);
    await loadDataset(
      { transaction: (work) => sql.transaction((tx) => work((text, params) => tx.query(text, params))) },
      context.dataset,
    );
    await pglite.close();
    const loadSeconds = Math.round((performance.now() - began) / 100) / 10;
    console.log(`PGlite: data loaded in ${loadSeconds} s`);

    const measurements: Measurement[] = [];
    const compliance: ComplianceTiming[] = [];
    const env = { BENCH_PGLITE_DIR: dataDir, BENCH_SECRET: context.secret };
    await withServer(spawnServer("roundtable (PGlite)", "roundtable-server.ts", env), async (server) => {
      const counter: StatementCounter = {
        reset: () => server.resetStatements(),
        read: async () => (await server.stats()).statements ?? { total: 0, framing: 0, data: 0 },
      };
      compliance.push(
        await timeComplianceEvaluation(server, complianceWorkload(context), "pglite", context.complianceRepeats, counter),
      );
      const options = {
        database: "pglite" as const,
        durationSeconds: context.durationSeconds,
        warmupSeconds: context.warmupSeconds,
        counter,
      };
      for (const spec of roundtableWorkloads(context)) measurements.push(await measureHttp(server, "roundtable", spec, options));
    });
    return { measurements, compliance, loadSeconds };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
