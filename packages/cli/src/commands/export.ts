import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { secretFromString } from "@roundtable/core";
import { openDatabase, pendingMigrations } from "@roundtable/db";
import { createApp, createLogger, loadConfig, PendingMigrationsError } from "@roundtable/server";
import { UsageError } from "../usage.ts";

const DATASETS = ["published-reports", "upcoming-meetings"] as const;
const FORMATS = ["csv", "json"] as const;
const HOW = `export --agency SLUG --dataset ${DATASETS.join("|")} --format ${FORMATS.join("|")}`;

/**
 * `roundtable export --agency SLUG --dataset NAME --format csv|json`: prints one open-data
 * file to stdout, exactly what `GET /open-data/<slug>/<dataset>.<format>` serves (it runs
 * that route of the app on the configured database): only what the agency published.
 * Against a running embedded server, fetch the URL instead; the server holds the database.
 */
export async function exportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { agency: { type: "string" }, dataset: { type: "string" }, format: { type: "string", default: "csv" } },
    strict: true,
  });
  if (!values.agency) throw new UsageError(`export: --agency SLUG is required (${HOW})`);
  if (!values.dataset || !(DATASETS as readonly string[]).includes(values.dataset)) {
    throw new UsageError(`export: --dataset must be one of ${DATASETS.join(", ")}`);
  }
  if (!(FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`export: --format must be csv or json`);

  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: "roundtable export" });
  try {
    if (database.kind === "postgres") {
      const pending = await pendingMigrations(database.sql);
      if (pending.length > 0) throw new PendingMigrationsError(pending.map((migration) => migration.name));
    }
    // Open data needs no token: a throwaway secret keeps every request public.
    const app = createApp({
      database,
      log: createLogger("silent"),
      verification: { kind: "secret", secret: secretFromString(randomBytes(32).toString("hex")) },
      graphiql: false,
    });
    try {
      const path = `/open-data/${encodeURIComponent(values.agency)}/${values.dataset}.${values.format}`;
      const response = await app.fetch(`http://roundtable.cli${path}`);
      const body = await response.text();
      if (response.status === 404) {
        process.stderr.write(`roundtable: export: no agency has the slug "${values.agency}"\n`);
        process.exitCode = 1;
        return;
      }
      if (!response.ok) throw new Error(`export: the open-data route answered ${response.status}`);
      process.stdout.write(body);
    } finally {
      await app.dispose();
    }
  } finally {
    await database.close();
  }
}
