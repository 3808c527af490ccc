import { openDatabase } from "@roundtable/db";
import { createAppScratchPostgres, postgresAvailable } from "@roundtable/testing";
import { expect, it } from "vitest";

it.skipIf(!postgresAvailable)(
  "cancels a statement that runs past the statement timeout, and the pool serves the next one (QA-16)",
  async () => {
    const scratch = await createAppScratchPostgres();
    const database = await openDatabase({ databaseUrl: scratch.appUrl, statementTimeoutMs: 300 });
    try {
      const agency = await database.prisma.agency.create({
        data: { slug: "slowtown", name: "Slowtown", kind: "POLICE_DEPARTMENT", timeZone: "UTC" },
      });
      const client = database.forAgency(agency.id);
      await expect(client.$queryRawUnsafe("SELECT pg_sleep(5)")).rejects.toThrow(/statement timeout/);
      await expect(database.prisma.$queryRawUnsafe("SELECT pg_sleep(5)")).rejects.toThrow(/statement timeout/);
      expect(await client.$queryRawUnsafe<{ ok: number }[]>("SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
      expect(await client.orgUnit.count()).toBe(0);
    } finally {
      await database.close();
      await scratch.drop();
    }
  },
);
