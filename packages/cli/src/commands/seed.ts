import { parseArgs } from "node:util";
import { seedDemo } from "@roundtable/core";
import { openDatabase, pendingMigrations } from "@roundtable/db";
import { loadConfig, PendingMigrationsError } from "@roundtable/server";
import { UsageError } from "../usage.ts";

export async function seedCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { demo: { type: "boolean" } }, strict: true });
  if (!values.demo) throw new UsageError("seed: say --demo to load the demo data");
  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: "roundtable seed" });
  try {
    if (database.kind === "postgres") {
      const pending = await pendingMigrations(database.sql);
      if (pending.length > 0) throw new PendingMigrationsError(pending.map((migration) => migration.name));
    }
    const created = await seedDemo(database.prisma);
    console.log(
      created.length === 0 ? "Demo agencies already present; nothing changed." : `Loaded demo agencies: ${created.join(", ")}`,
    );
  } finally {
    await database.close();
  }
}
