import { parseArgs } from "node:util";
// Deep import until @roundtable/core exports the verifier from its index (core/src/index.ts is not the CLI's to change).
import { parseAuditAnchor, verifyAuditChain } from "@roundtable/core";
import { openDatabase, pendingMigrations } from "@roundtable/db";
import { loadConfig, PendingMigrationsError } from "@roundtable/server";
import { UsageError } from "../usage.ts";

const HOW = "audit verify --agency SLUG [--anchor SEQ:HASH] | audit anchor --agency SLUG";

/**
 * `roundtable audit verify --agency SLUG [--anchor SEQ:HASH]` walks the agency's audit hash
 * chain and prints `audit chain of SLUG: N events verified; head SEQ:HASH`, or on stderr
 * `audit chain of SLUG is broken at seq N: why` with exit status 1 (a row changed, deleted
 * or reordered; with --anchor also rows cut from the end).
 *
 * `roundtable audit anchor --agency SLUG` prints only the chain head `SEQ:HASH`: record it
 * outside the database (a ticket, a signed e-mail, another system) and pass it to a later
 * `verify --anchor` so that truncating the chain's tail is caught too.
 */
export async function auditCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { agency: { type: "string" }, anchor: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const [action, ...extra] = positionals;
  if (action !== "verify" && action !== "anchor")
    throw new UsageError(action ? `audit: unknown action "${action}"; try: ${HOW}` : `audit: say what: ${HOW}`);
  if (!values.agency) throw new UsageError(`audit ${action}: --agency SLUG is required (${HOW})`);
  if (extra.length > 0) throw new UsageError(`audit ${action}: unexpected argument ${extra[0]}`);
  if (action === "anchor" && values.anchor) throw new UsageError("audit anchor: --anchor belongs to audit verify");
  let anchor: ReturnType<typeof parseAuditAnchor> | undefined;
  try {
    anchor = values.anchor ? parseAuditAnchor(values.anchor) : undefined;
  } catch (error) {
    throw new UsageError(`audit verify: --anchor: ${(error as Error).message}`);
  }

  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: "roundtable audit" });
  try {
    if (database.kind === "postgres") {
      const pending = await pendingMigrations(database.sql);
      if (pending.length > 0) throw new PendingMigrationsError(pending.map((migration) => migration.name));
    }
    const agency = await database.prisma.agency.findUnique({ where: { slug: values.agency }, select: { id: true } });
    if (!agency) return fail(`audit ${action}: no agency has the slug "${values.agency}"`);
    const report = await verifyAuditChain(database.prisma, agency.id, { anchor });
    const slug = values.agency;
    if (!report.ok && report.problem) {
      return fail(`audit chain of ${slug} is broken at seq ${report.problem.seq}: ${report.problem.message}`);
    }
    if (action === "anchor") {
      if (!report.head) return fail(`audit anchor: the audit chain of ${slug} is empty`);
      process.stdout.write(`${report.head.seq}:${report.head.hash}\n`);
      return;
    }
    const head = report.head ? `; head ${report.head.seq}:${report.head.hash}` : "";
    process.stdout.write(`audit chain of ${slug}: ${report.checked} events verified${head}\n`);
    if (report.unchained > 0) {
      process.stderr.write(`roundtable: warning: ${report.unchained} audit events of ${slug} were written outside the chain\n`);
    }
  } finally {
    await database.close();
  }
}

/** An expected failure: one line on stderr and exit status 1, without a stack or the usage text. */
function fail(message: string): void {
  process.stderr.write(`roundtable: ${message}\n`);
  process.exitCode = 1;
}
