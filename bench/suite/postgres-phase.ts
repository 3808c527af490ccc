import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { type Dataset, generateDataset } from "../data/generate.ts";
import { loadDataset } from "../data/load.ts";
import { type BenchPostgres, LOGIN_ROLES, startBenchPostgres } from "../database/bench-postgres.ts";
import { PgStatStatements } from "../database/statement-counts.ts";
import { type RunningBenchServer, spawnServer } from "../servers/spawn-server.ts";
import { timeComplianceEvaluation } from "./compliance-timing.ts";
import type { SuiteContext } from "./context.ts";
import { measureHttp, type StatementCounter, sendOnce, statementsPerRequestOf } from "./measure.ts";
import type { BenchResults, ComplianceTiming, Measurement } from "./types.ts";
import {
  complianceWorkload,
  handWrittenWorkload,
  helloWorkload,
  postgraphileWorkloads,
  roundtableWorkloads,
} from "./workload-specs.ts";

const DATABASE = "rt_bench";
const SMALL_DATABASE = "rt_bench_small";

type PostgresResults = Pick<
  BenchResults,
  "measurements" | "compliance" | "handWrittenSameJson" | "dashboardStatementsSmallData"
> & {
  loadSeconds: number;
  serverVersion: string;
};

/**
 * Everything measured on PostgreSQL: the yoga hello ceiling, Roundtable on workloads 1-5,
 * the hand-written handler on workload 1 and PostGraphile on workloads 1 and 2, each server
 * in its own process and logged in as its own member of roundtable_app.
 */
export async function runPostgresPhase(context: SuiteContext): Promise<PostgresResults> {
  const cluster = await startBenchPostgres();
  const loadSeconds = await loadFresh(cluster, DATABASE, context.dataset);
  console.log(`PostgreSQL ${cluster.serverVersion}: data loaded in ${loadSeconds} s`);
  const superuser = cluster.superuser();
  await superuser.connect();
  const statements = new PgStatStatements(superuser);
  const counterFor = (role: string, database = DATABASE): StatementCounter => ({
    reset: () => statements.reset(),
    read: async () => {
      const { total, framing, data } = await statements.read(database, role);
      return { total, framing, data };
    },
  });
  // A server has settled once PostgreSQL runs nothing for it either (abandoned requests' queries).
  const settledOnDatabase = (starting: Promise<RunningBenchServer>, role: string, database = DATABASE) =>
    starting.then((server) => ({
      ...server,
      async settle() {
        await server.settle();
        await untilIdle(superuser, database, role);
        await server.settle();
      },
    }));
  const env = (role: string, database = DATABASE) => ({
    BENCH_DATABASE_URL: cluster.url(database, role),
    BENCH_SECRET: context.secret,
  });
  const options = {
    database: "postgres" as const,
    durationSeconds: context.durationSeconds,
    warmupSeconds: context.warmupSeconds,
  };
  const measurements: Measurement[] = [];
  const compliance: ComplianceTiming[] = [];
  let handWrittenSameJson: boolean | undefined;
  let roundtableDashboard: unknown;

  try {
    await withServer(spawnServer("yoga hello", "yoga-hello-server.ts", {}), async (server) => {
      measurements.push(await measureHttp(server, "yoga-hello", helloWorkload(context), options));
    });

    const roundtableEnv = env(LOGIN_ROLES.roundtable);
    await withServer(
      settledOnDatabase(spawnServer("roundtable", "roundtable-server.ts", roundtableEnv), LOGIN_ROLES.roundtable),
      async (server) => {
        const counter = counterFor(LOGIN_ROLES.roundtable);
        compliance.push(
          await timeComplianceEvaluation(server, complianceWorkload(context), "postgres", context.complianceRepeats, counter),
        );
        const [dashboard] = roundtableWorkloads(context);
        roundtableDashboard = await sendOnce(server, dashboard!);
        for (const spec of roundtableWorkloads(context))
          measurements.push(await measureHttp(server, "roundtable", spec, { ...options, counter }));
      },
    );

    for (const variant of context.variants) {
      const variantEnv = { ...roundtableEnv, BENCH_APP_OPTIONS: JSON.stringify(variant.appOptions) };
      const starting = spawnServer(`roundtable+${variant.label}`, "roundtable-server.ts", variantEnv);
      await withServer(settledOnDatabase(starting, LOGIN_ROLES.roundtable), async (server) => {
        const counter = counterFor(LOGIN_ROLES.roundtable);
        const [dashboard, , logActivity] = roundtableWorkloads(context);
        for (const spec of roundtableWorkloads(context).filter((spec) => spec.workload !== "W3")) {
          measurements.push(await measureHttp(server, `roundtable+${variant.label}`, spec, { ...options, counter }));
        }
        for (const perSecond of context.writesPerSecond) {
          const writes = { spec: logActivity!, perSecond };
          measurements.push(await measureHttp(server, `roundtable+${variant.label}`, dashboard!, { ...options, writes }));
        }
      });
    }

    const handWritten = spawnServer("hand-written", "hand-written-server.ts", env(LOGIN_ROLES.handWritten));
    await withServer(settledOnDatabase(handWritten, LOGIN_ROLES.handWritten), async (server) => {
      const spec = handWrittenWorkload(context);
      handWrittenSameJson = isDeepStrictEqual(await sendOnce(server, spec), roundtableDashboard);
      if (!handWrittenSameJson) console.warn("  the hand-written dashboard JSON differs from Roundtable's");
      measurements.push(
        await measureHttp(server, "hand-written", spec, { ...options, counter: counterFor(LOGIN_ROLES.handWritten) }),
      );
    });

    const postgraphile = spawnServer("postgraphile", "postgraphile-server.ts", env(LOGIN_ROLES.postgraphile));
    await withServer(settledOnDatabase(postgraphile, LOGIN_ROLES.postgraphile), async (server) => {
      for (const spec of postgraphileWorkloads(context)) {
        measurements.push(
          await measureHttp(server, "postgraphile", spec, { ...options, counter: counterFor(LOGIN_ROLES.postgraphile) }),
        );
      }
    });

    // The same dashboard over a tenth of the rows: the statement count must not change.
    const small = generateDataset({ scale: context.smallScale, seed: context.dataset.seed });
    await loadFresh(cluster, SMALL_DATABASE, small);
    const smallEnv = env(LOGIN_ROLES.roundtable, SMALL_DATABASE);
    let smallStatements: PostgresResults["dashboardStatementsSmallData"];
    await withServer(spawnServer("roundtable (small data)", "roundtable-server.ts", smallEnv), async (server) => {
      // Findings exist on the full database (workload 5 ran there); the dashboard lists them.
      await sendOnce(server, complianceWorkload(context));
      const [dashboard] = roundtableWorkloads(context);
      await sendOnce(server, dashboard!);
      const counts = await statementsPerRequestOf(server, dashboard!, counterFor(LOGIN_ROLES.roundtable, SMALL_DATABASE));
      smallStatements = { scale: context.smallScale, statements: counts };
    });
    await cluster.dropDatabase(SMALL_DATABASE);
    return {
      measurements,
      compliance,
      handWrittenSameJson,
      dashboardStatementsSmallData: smallStatements,
      loadSeconds,
      serverVersion: cluster.serverVersion,
    };
  } finally {
    await superuser.end();
  }
}

/** Waits (up to two minutes) until no backend of `role` is running a statement or sits in a transaction. */
async function untilIdle(superuser: pg.Client, database: string, role: string) {
  const deadline = Date.now() + 120_000;
  let quietPolls = 0;
  while (quietPolls < 2 && Date.now() < deadline) {
    const busy = await superuser.query<{ count: string }>(
      "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND datname = $2 AND state <> 'idle'",
      [role, database],
    );
    quietPolls = Number(busy.rows[0]!.count) === 0 ? quietPolls + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function loadFresh(cluster: BenchPostgres, database: string, dataset: Dataset): Promise<number> {
  const began = performance.now();
  await cluster.freshDatabase(database);
  const owner = new pg.Client({ connectionString: cluster.url(database, LOGIN_ROLES.owner) });
  await owner.connect();
  try {
    await loadDataset(
      {
        async transaction(work) {
          await owner.query("BEGIN");
          try {
            await work((sql, params) => owner.query(sql, params));
            await owner.query("COMMIT");
          } catch (error) {
            await owner.query("ROLLBACK");
            throw error;
          }
        },
      },
      dataset,
    );
  } finally {
    await owner.end();
  }
  return Math.round((performance.now() - began) / 100) / 10;
}

export async function withServer(starting: Promise<RunningBenchServer>, work: (server: RunningBenchServer) => Promise<void>) {
  const server = await starting;
  try {
    await work(server);
  } finally {
    await server.close();
  }
}
