import { type Database, IN_MEMORY, openDatabase, queryPlanCacheStats } from "@roundtable/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Prisma compiles each request into a plan; the plan cache hands the same plan back for the
// same request text. What a client reads must not change: a repeated request gets its own
// fresh rows, and requests that differ only in a value never share a plan.

describe("query plan cache", () => {
  let database: Database;
  let agencyId: string;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: IN_MEMORY });
    const agency = await database.prisma.agency.create({ data: { slug: "plans", name: "Plan Cache PD" } });
    agencyId = agency.id;
    await database.prisma.orgUnit.createMany({
      data: ["North", "South", "East"].map((name) => ({ agencyId, name, kind: "PATROL_STATION" as const })),
    });
  });
  afterAll(() => database?.close());

  const stationNamed = (name: string) =>
    database.prisma.orgUnit.findFirst({ where: { agencyId, name }, select: { name: true, version: true } });

  it("reuses the plan of a repeated request, and still reads the rows as they are now", async () => {
    expect(await stationNamed("North")).toEqual({ name: "North", version: 1 });
    const before = queryPlanCacheStats();
    await database.prisma.orgUnit.updateMany({ where: { agencyId, name: "North" }, data: { version: 2 } });
    expect(await stationNamed("North")).toEqual({ name: "North", version: 2 });
    const after = queryPlanCacheStats();
    expect(after.hits).toBeGreaterThan(before.hits);
  });

  it("never answers one value with another's plan", async () => {
    const names = await Promise.all(["South", "East", "North", "South", "West"].map(stationNamed));
    expect(names.map((station) => station?.name ?? null)).toEqual(["South", "East", "North", "South", null]);
  });

  it("keeps no plan for a write, whose values are new each time", async () => {
    const before = queryPlanCacheStats();
    for (const name of ["West", "Harbor", "Airport"]) {
      await database.prisma.orgUnit.create({ data: { agencyId, name, kind: "UNIT" } });
    }
    await database.prisma.orgUnit.updateMany({ where: { agencyId, kind: "UNIT" }, data: { version: 3 } });
    await database.prisma.orgUnit.deleteMany({ where: { agencyId, kind: "UNIT" } });
    expect(queryPlanCacheStats().size).toBe(before.size);
  });

  it("reuses the plan of a repeated batch: the reads a transaction starts together", async () => {
    // Inside an interactive transaction Prisma compiles the queries started in one tick as one batch.
    const pageAndTotal = () =>
      database.prisma.$transaction((tx) =>
        Promise.all([
          tx.orgUnit.findMany({ where: { agencyId, kind: "PATROL_STATION" }, orderBy: { name: "asc" }, select: { name: true } }),
          tx.orgUnit.count({ where: { agencyId, kind: "PATROL_STATION" } }),
        ]),
      );
    expect(await pageAndTotal()).toEqual([[{ name: "East" }, { name: "North" }, { name: "South" }], 3]);
    const before = queryPlanCacheStats();
    await database.prisma.orgUnit.create({ data: { agencyId, name: "Bay", kind: "PATROL_STATION" } });
    expect(await pageAndTotal()).toEqual([[{ name: "Bay" }, { name: "East" }, { name: "North" }, { name: "South" }], 4]);
    expect(queryPlanCacheStats().hits).toBe(before.hits + 1);
    await database.prisma.orgUnit.deleteMany({ where: { agencyId, name: "Bay" } });
  });

  it("keeps no plan for a batch with a write in it", async () => {
    const before = queryPlanCacheStats();
    for (const version of [4, 5]) {
      await database.prisma.$transaction((tx) =>
        Promise.all([
          tx.orgUnit.findMany({ where: { agencyId }, select: { name: true } }),
          tx.orgUnit.updateMany({ where: { agencyId, name: "East" }, data: { version } }),
        ]),
      );
    }
    expect(queryPlanCacheStats().size).toBe(before.size);
    expect(await stationNamed("East")).toEqual({ name: "East", version: 5 });
  });

  it("hands out plans no execution can change", async () => {
    // The same request many times at once: a plan written to during one execution would
    // corrupt the others (frozen plans make that a thrown error instead).
    const counts = await Promise.all(
      Array.from({ length: 20 }, () => database.prisma.orgUnit.count({ where: { agencyId, kind: "PATROL_STATION" } })),
    );
    expect(new Set(counts)).toEqual(new Set([3]));
  });
});
