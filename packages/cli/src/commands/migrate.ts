import { applyMigrations, openDatabase } from "@roundtable/db";
import { loadConfig } from "@roundtable/server";
import { UsageError } from "../usage.ts";

export async function migrateCommand(args: string[]): Promise<void> {
  if (args.length > 0) throw new UsageError(`migrate: unexpected argument ${args[0]}`);
  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    purpose: "roundtable migrate",
    migrate: false,
  });
  try {
    const applied = await applyMigrations(database.sql);
    console.log(
      applied.length === 0 ? "Database is up to date." : `Applied ${applied.length} migration(s): ${applied.join(", ")}`,
    );
  } finally {
    await database.close();
  }
}
