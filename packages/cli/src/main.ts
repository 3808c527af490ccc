#!/usr/bin/env node
import { USAGE, UsageError } from "./usage.ts";

type Command = (args: string[]) => Promise<void>;

/** Loaded on demand, so a usage error answers at once. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import("./commands/start.ts")).startCommand,
  migrate: async () => (await import("./commands/migrate.ts")).migrateCommand,
  seed: async () => (await import("./commands/seed.ts")).seedCommand,
  token: async () => (await import("./commands/token.ts")).tokenCommand,
  import: async () => (await import("./commands/import.ts")).importCommand,
  export: async () => (await import("./commands/export.ts")).exportCommand,
  audit: async () => (await import("./commands/audit.ts")).auditCommand,
};

const HELP = new Set(["help", "--help", "-h"]);

/** Known failures (bad config, a held data folder, pending migrations) are one line, no stack. */
const EXPECTED = new Set(["ConfigError", "DataDirLockedError", "PendingMigrationsError", "MigrationChecksumError"]);

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "28P01", "28000", "3D000"]);

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name && HELP.has(name)) {
    console.log(USAGE);
    return;
  }
  const load = name ? COMMANDS[name] : undefined;
  if (!load) throw new UsageError(name ? `unknown command: ${name}` : "no command given");
  const command = await load();
  try {
    await command(args);
  } catch (error) {
    if (codeOf(error).startsWith("ERR_PARSE_ARGS")) throw new UsageError(`${name}: ${(error as Error).message}`);
    throw error;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : "";
}

function explain(error: unknown): string {
  if (!(error instanceof Error)) return `unexpected failure: ${String(error)}`;
  const code = codeOf(error);
  if (EXPECTED.has(error.constructor.name) || EXPECTED.has(error.name)) return error.message;
  if (code === "EADDRINUSE") {
    const port = (error as { port?: number }).port;
    return `PORT: ${port ?? "the port"} is already in use; stop the other process or set PORT`;
  }
  if (CONNECTION_CODES.has(code)) {
    // Node reports a refused "localhost" (tried on ::1 and 127.0.0.1) with an empty message.
    const detail = error.message.split("\n")[0] || (error as { errors?: Error[] }).errors?.[0]?.message || "no answer";
    return `DATABASE_URL: cannot connect (${code}: ${detail})`;
  }
  return `unexpected failure: ${error.stack ?? error.message}`;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`roundtable: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`roundtable: ${explain(error)}`);
  process.exit(1);
});
