/**
 * How long one agency's full compliance evaluation takes at the size the profiles issue
 * names (20 stations, 2,000 members, 20,000 activities, 50,000 feedback items), on the
 * embedded database, and how many SQL statements it issues at that size and at a tenth of it.
 * Run: pnpm bench:compliance  (prints a JSON line; deterministic data, no randomness)
 */
import { PGlite } from "@electric-sql/pglite";
import { createEventBus, createProfileRegistry, evaluateCompliance, loadEnabledProfiles, scopeToAgency } from "@roundtable/core";
import { applyMigrations, PrismaClient, pgliteExecutor } from "@roundtable/db";
import patrolCpp from "@roundtable/profile-patrol-cpp";
import { PrismaPGlite } from "pglite-prisma-adapter";

async function measure(scale: number) {
  const pglite = new PGlite();
  await applyMigrations(pgliteExecutor(pglite));
  let statements = 0;
  const original = pglite.query.bind(pglite);
  pglite.query = ((...args: Parameters<PGlite["query"]>) => {
    statements += 1;
    return original(...args);
  }) as PGlite["query"];
  const originalTransaction = pglite.transaction.bind(pglite);
  pglite.transaction = ((work: Parameters<PGlite["transaction"]>[0]) =>
    originalTransaction((tx) => {
      const txQuery = tx.query.bind(tx);
      tx.query = ((...args: Parameters<typeof tx.query>) => {
        statements += 1;
        return txQuery(...args);
      }) as typeof tx.query;
      return work(tx);
    })) as PGlite["transaction"];
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const agency = await prisma.agency.create({
    data: { slug: "bench", name: "Bench County Sheriff", kind: "SHERIFF_DEPARTMENT" },
  });
  const agencyId = agency.id;
  const stations: { id: string }[] = [];
  for (let index = 0; index < 20; index++)
    stations.push(await prisma.orgUnit.create({ data: { agencyId, name: `Station ${index}`, kind: "PATROL_STATION" } }));
  const members = Math.round(2000 * scale);
  await prisma.member.createMany({
    data: Array.from({ length: members }, (_, index) => ({
      agencyId,
      email: `m${index}@bench.example`,
      name: `Member ${index}`,
      roles: ["MEMBER" as const],
      unitId: stations[index % 20]!.id,
    })),
  });
  const start = Date.UTC(2026, 0, 1);
  const activities = Math.round(20000 * scale);
  for (let offset = 0; offset < activities; offset += 5000) {
    await prisma.activity.createMany({
      data: Array.from({ length: Math.min(5000, activities - offset) }, (_, index) => ({
        agencyId,
        kind: "COMMUNITY_MEETING" as const,
        title: `Meeting ${offset + index}`,
        startsAt: new Date(start + ((offset + index) % 300) * 86_400_000),
        unitId: stations[(offset + index) % 20]!.id,
      })),
    });
  }
  const feedback = Math.round(50000 * scale);
  for (let offset = 0; offset < feedback; offset += 5000) {
    await prisma.feedback.createMany({
      data: Array.from({ length: Math.min(5000, feedback - offset) }, (_, index) => ({
        agencyId,
        channel: "ONLINE" as const,
        text: `Comment ${offset + index}`,
        topic: "QUALITY_OF_LIFE" as const,
        criticalOfDepartment: (offset + index) % 10 === 0,
        unitId: stations[(offset + index) % 20]!.id,
        receivedAt: new Date(start + ((offset + index) % 300) * 86_400_000),
      })),
    });
  }
  await prisma.agencyProfile.create({ data: { agencyId, profileId: "patrol-cpp" } });
  const log = { info() {}, warn() {}, error() {} };
  const registry = createProfileRegistry([patrolCpp]);
  const db = scopeToAgency(prisma, agencyId);
  const enabled = await loadEnabledProfiles(db, registry, log).list();
  void createEventBus(log);
  const run = async () => {
    statements = 0;
    const began = performance.now();
    const result = await evaluateCompliance({
      db,
      agency: { id: agencyId, slug: "bench", name: agency.name, timeZone: agency.timeZone },
      enabled,
      now: new Date(Date.UTC(2026, 10, 1)),
      log,
    });
    return { ms: Math.round(performance.now() - began), statements, raised: result.raised.length };
  };
  const first = await run();
  const second = await run();
  await prisma.$disconnect();
  await pglite.close();
  return { scale, members, activities, feedback, first, second };
}

const small = await measure(0.1);
const full = await measure(1);
console.log(JSON.stringify({ benchmark: "compliance-evaluation", database: "embedded PGlite", small, full }));
