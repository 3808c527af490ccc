#!/usr/bin/env node
import { migrateCommand } from "./commands/migrate.ts";
import { seedCommand } from "./commands/seed.ts";
import { startCommand } from "./commands/start.ts";
import { tokenCommand } from "./commands/token.ts";
import { USAGE, UsageError } from "./usage.ts";

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  start: startCommand,
  migrate: migrateCommand,
  seed: seedCommand,
  token: tokenCommand,
};

/** Known failures (bad config, a held data folder, pending migrations) are one line, no stack. */
const EXPECTED = new Set(["ConfigError", "DataDirLockedError", "PendingMigrationsError", "MigrationChecksumError"]);

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(name ? `unknown command: ${name}` : "no command given");
  await command(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`roundtable: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const err = error as Error & { code?: string; port?: number };
  if (EXPECTED.has(err.constructor?.name ?? "") || EXPECTED.has(err.name)) {
    console.error(`roundtable: ${err.message}`);
  } else if (err.code === "EADDRINUSE") {
    console.error(`roundtable: PORT: ${err.port ?? "the port"} is already in use; stop the other process or set PORT`);
  } else if (err.code === "ECONNREFUSED" || err.code === "ENOTFOUND" || err.code === "28P01" || err.code === "3D000") {
    console.error(`roundtable: DATABASE_URL: cannot connect (${err.code}: ${err.message.split("\n")[0]})`);
  } else {
    console.error(`roundtable: unexpected failure: ${err.stack ?? err.message}`);
  }
  process.exit(1);
});
