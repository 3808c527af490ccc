import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { importIndicatorObservations, scopeToAgency } from "@roundtable/core";
import { openDatabase, pendingMigrations } from "@roundtable/db";
import { loadConfig, PendingMigrationsError } from "@roundtable/server";
import { UsageError } from "../usage.ts";

const HOW = "import indicators --agency SLUG FILE";

/**
 * `roundtable import indicators --agency SLUG FILE`: imports a CSV of crime and
 * quality-of-life figures into one agency, all or nothing (the format is documented in
 * core's `domain/indicator-csv.ts`). Prints `Imported N observations (M updated)`; on bad
 * lines prints each as `line N: reason` on stderr, imports nothing and exits 1.
 */
export async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { agency: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const [kind, file, ...extra] = positionals;
  if (kind !== "indicators")
    throw new UsageError(kind ? `import: cannot import "${kind}"; try: ${HOW}` : `import: say what: ${HOW}`);
  if (!values.agency) throw new UsageError(`import indicators: --agency SLUG is required (${HOW})`);
  if (!file) throw new UsageError(`import indicators: name the CSV file (${HOW})`);
  if (extra.length > 0) throw new UsageError(`import indicators: unexpected argument ${extra[0]}`);

  let csv: string;
  try {
    csv = await readFile(file, "utf8");
  } catch (error) {
    return fail(`cannot read ${file} (${(error as { code?: string }).code ?? (error as Error).message})`);
  }

  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: "roundtable import" });
  try {
    if (database.kind === "postgres") {
      const pending = await pendingMigrations(database.sql);
      if (pending.length > 0) throw new PendingMigrationsError(pending.map((migration) => migration.name));
    }
    const agency = await database.prisma.agency.findUnique({ where: { slug: values.agency }, select: { id: true } });
    if (!agency) return fail(`import indicators: no agency has the slug "${values.agency}"`);
    const result = await importIndicatorObservations(scopeToAgency(database.prisma, agency.id), csv, {
      // No member acts here: the audit row names the CLI as the source instead.
      audit: (tx, entry) =>
        tx.auditEvent.create({ data: { agencyId: "", actorRoles: [], ...entry, requestId: "cli:import-indicators" } }),
    });
    if (!result.ok) {
      for (const problem of result.problems) process.stderr.write(`line ${problem.line}: ${problem.message}\n`);
      const count = result.problems.length === 1 ? "1 problem" : `${result.problems.length} problems`;
      return fail(`${file}: ${count}; nothing was imported`);
    }
    process.stdout.write(`Imported ${result.imported} observations (${result.updated} updated)\n`);
  } finally {
    await database.close();
  }
}

/** An expected failure: one line on stderr and exit status 1, without a stack or the usage text. */
function fail(message: string): void {
  process.stderr.write(`roundtable: ${message}\n`);
  process.exitCode = 1;
}
