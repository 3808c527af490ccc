import { createRequire } from "node:module";
import { applyMigrations, type Database, PrismaClient, pgliteExecutor } from "@roundtable/db";
import { createApp, createLogger } from "@roundtable/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretFromString, signToken } from "../src/index.ts";

// The embedded driver belongs to @roundtable/db; borrow its copy rather than add a second one.
const fromDb = createRequire(new URL("../../db/package.json", import.meta.url));

interface PGliteLike {
  close(): Promise<void>;
}
interface SqlRunner {
  queryRaw(...args: unknown[]): Promise<unknown>;
  executeRaw(...args: unknown[]): Promise<unknown>;
}
interface DriverAdapter extends SqlRunner {
  startTransaction(...args: unknown[]): Promise<SqlRunner>;
}
interface AdapterFactory {
  connect(): Promise<DriverAdapter>;
}

const SECRET = secretFromString("no-n-plus-one-secret-0123456789-abcdefgh");

/**
 * The deep page a station list or dashboard asks for: every station with its plan, the
 * plan's latest revision and recent revisions, its problems, their responses and partners.
 */
const DEEP_QUERY = `{
  agency {
    orgUnits(first: 100) {
      totalCount
      edges { node {
        name
        commander { name }
        plan {
          title
          owner { name }
          latestRevision { status periodStart sections { key title } }
          revisions(first: 5) { totalCount edges { node { status periodEnd submittedBy { name } sections { key } } } }
          problems(first: 10) {
            totalCount
            edges { node {
              title status identifiedOn
              analysis { offender victim place }
              unit { name }
              priority { id }
              responseCount preventionResponseCount
              responses { kind basis status partners { name } }
            } }
          }
        }
      } }
    }
  }
}`;

describe("no N+1 queries", () => {
  let pglite: PGliteLike;
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let statements = 0;

  beforeAll(async () => {
    const { PGlite } = (await import(fromDb.resolve("@electric-sql/pglite"))) as { PGlite: new () => PGliteLike };
    const { PrismaPGlite } = (await import(fromDb.resolve("pglite-prisma-adapter"))) as {
      PrismaPGlite: new (client: PGliteLike) => AdapterFactory;
    };
    pglite = new PGlite();
    const sql = pgliteExecutor(pglite as never);
    await applyMigrations(sql);
    const prisma = new PrismaClient({ adapter: countingAdapter(new PrismaPGlite(pglite), () => statements++) as never });
    database = {
      kind: "embedded",
      prisma,
      forAgency: () => prisma,
      sql,
      ping: async () => true,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
    await seedAgency(prisma, "five", 5);
    await seedAgency(prisma, "fifty", 50);
    app = createApp({ database, verification: { kind: "secret", secret: SECRET }, log: createLogger("silent") });
  });
  afterAll(async () => {
    await app.dispose();
    await database.close();
  });

  /** Runs the deep query as the agency's chief, returning the SQL statements it took. */
  async function statementsFor(slug: string) {
    const token = await signToken({ secret: SECRET, agency: slug, email: `chief@${slug}.example`, roles: ["CHIEF"], ttl: "1h" });
    const before = statements;
    const response = await app.fetch("http://roundtable.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: DEEP_QUERY }),
    });
    const body = (await response.json()) as {
      data?: { agency: { orgUnits: { totalCount: number; edges: { node: { plan: Record<string, unknown> | null } }[] } } };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    return { count: statements - before, units: body.data!.agency.orgUnits };
  }

  it("loads 50 stations' plans, revisions, problems, responses and partners in as many SQL statements as 5 stations' (4: nested relations are joined in SQL)", async () => {
    await statementsFor("five"); // warm-up: the first request builds the schema and caches
    const five = await statementsFor("five");
    const fifty = await statementsFor("fifty");

    // The data really is that deep, or the count would prove nothing.
    expect(fifty.units.totalCount).toBe(50);
    const plan = fifty.units.edges[49]!.node.plan as {
      latestRevision: { sections: unknown[] };
      revisions: { totalCount: number };
      problems: {
        totalCount: number;
        edges: { node: { responses: { partners: unknown[] }[]; preventionResponseCount: number } }[];
      };
    };
    expect(plan.latestRevision.sections).toHaveLength(2);
    expect(plan.revisions.totalCount).toBe(2);
    expect(plan.problems.totalCount).toBe(2);
    expect(plan.problems.edges[0]!.node.responses[0]!.partners).toHaveLength(1);
    expect(plan.problems.edges[0]!.node.preventionResponseCount).toBe(1);

    expect({ five: five.count, fifty: fifty.count }).toEqual({ five: 4, fifty: 4 });
  });
});

/** A driver-adapter factory that reports every SQL statement Prisma sends, in or out of transactions. */
function countingAdapter(factory: AdapterFactory, count: () => void): AdapterFactory {
  const counted = <T extends SqlRunner>(runner: T): T =>
    new Proxy(runner, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        if (property === "queryRaw" || property === "executeRaw") {
          return (...args: unknown[]) => {
            count();
            return value.apply(target, args);
          };
        }
        if (property === "startTransaction") {
          return async (...args: unknown[]) => counted(await value.apply(target, args));
        }
        return value.bind(target);
      },
    });
  return new Proxy(factory, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "connect") return async () => counted(await value.apply(target, []));
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * An agency with `stations` patrol stations, each with a plan (two revisions of two
 * sections), two problems of two responses each, one partner per response.
 */
async function seedAgency(prisma: PrismaClient, slug: string, stations: number) {
  const agency = await prisma.agency.create({ data: { slug, name: `Agency ${slug}`, kind: "SHERIFF_DEPARTMENT" } });
  const agencyId = agency.id;
  const chief = await prisma.member.create({
    data: { agencyId, email: `chief@${slug}.example`, name: "Chief", kind: "SWORN", roles: ["CHIEF"] },
  });
  const partner = await prisma.stakeholder.create({
    data: { agencyId, name: "Neighbors United", kind: "NEIGHBORHOOD_ASSOCIATION" },
  });
  for (let index = 0; index < stations; index++) {
    const unit = await prisma.orgUnit.create({
      data: { agencyId, name: `Station ${String(index).padStart(2, "0")}`, kind: "PATROL_STATION", commanderId: chief.id },
    });
    const plan = await prisma.plan.create({ data: { agencyId, unitId: unit.id, title: "CPP", ownerId: chief.id } });
    for (const [periodStart, periodEnd, status] of [
      ["2026-01-01", "2026-06-30", "SUBMITTED"],
      ["2026-07-01", "2026-12-31", "DRAFT"],
    ] as const) {
      const revision = await prisma.planRevision.create({
        data: {
          agencyId,
          planId: plan.id,
          periodStart: new Date(periodStart),
          periodEnd: new Date(periodEnd),
          status,
          submittedById: status === "SUBMITTED" ? chief.id : null,
        },
      });
      await prisma.planSection.createMany({
        data: ["community-feedback", "responses"].map((key) => ({
          agencyId,
          revisionId: revision.id,
          key,
          title: key,
          body: "...",
        })),
      });
    }
    for (const title of ["Break-ins", "Speeding"]) {
      const problem = await prisma.problem.create({
        data: { agencyId, unitId: unit.id, planId: plan.id, title, scanning: "Reported at the meeting." },
      });
      for (const kind of ["PREVENTION", "ENFORCEMENT"] as const) {
        const response = await prisma.problemResponse.create({
          data: { agencyId, problemId: problem.id, description: kind, kind, basis: "COMMUNITY_INPUT_BASED" },
        });
        await prisma.responsePartner.create({ data: { agencyId, responseId: response.id, stakeholderId: partner.id } });
      }
    }
  }
}
