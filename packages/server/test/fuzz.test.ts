import { buildSchema, ROLES, type RoleName } from "@roundtable/core";
import { agencyClientFor, type PrismaClient, tenantOwnedModels } from "@roundtable/db";
import { loadDeploymentConfig } from "@roundtable/server";
import { createTestApp, postgresAvailable, TENANT_ROW_FACTORIES, type TestApp, type TestDatabaseKind } from "@roundtable/testing";
import { type GraphQLSchema, isEnumType, isObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArgumentValues, globalId, type IdPools } from "./support/fuzz/argument-values.ts";
import { collectForeignValues, type ForeignValues } from "./support/fuzz/foreign-values.ts";
import { type FuzzOperation, generateOperation } from "./support/fuzz/operation-generator.ts";
import { checkResponse } from "./support/fuzz/response-checks.ts";
import { SeededRandom, seedFromEnvironment } from "./support/fuzz/seeded-random.ts";

// IV-06: schema-driven random operations, as every role of agency A (and the public),
// against the data of A and B. Properties: no HTTP 5xx, no unmasked internal error, nothing
// of B in any answer, the server healthy afterwards. Replay a failure with the printed
// FUZZ_SEED (and FUZZ_RUNS); FUZZ_SEED=random explores new operations. FUZZ_RUNS sets how
// many operations run on PGlite, FUZZ_POSTGRES_RUNS on PostgreSQL.

const SEED = seedFromEnvironment(process.env.FUZZ_SEED, 20261123);
const RUNS = { embedded: Number(process.env.FUZZ_RUNS ?? 2000), postgres: Number(process.env.FUZZ_POSTGRES_RUNS ?? 1000) };
const OWN = "metro";
const FOREIGN = "lakeview";
/** Marks the rows made for B here; any answer to A containing it is a leak. */
const FOREIGN_TAG = "lakeview-private-7qz";
const MAX_REPORTED = 10;

type Caller = { role: RoleName | "public"; token: string | undefined };

interface Failure {
  index: number;
  caller: string;
  operation: FuzzOperation;
  status: number;
  problems: string[];
  answer: string;
}

const databases: TestDatabaseKind[] = postgresAvailable ? ["embedded", "postgres"] : ["embedded"];

/** Every model the API exposes as a Node, so its IDs are global IDs of that type. */
function nodeModels(schema: GraphQLSchema): string[] {
  const nodes = new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && type.getInterfaces().some((iface) => iface.name === "Node"))
      .map((type) => type.name),
  );
  return tenantOwnedModels().filter((model) => nodes.has(model));
}

async function idsByType(client: PrismaClient, agencyId: string, models: string[]): Promise<Map<string, string[]>> {
  const pools = new Map<string, string[]>([["Agency", [globalId("Agency", agencyId)]]]);
  for (const model of models) {
    const rows = await (client as unknown as Record<string, { findMany(args: object): Promise<{ id: string }[]> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ]!.findMany({ where: { agencyId }, select: { id: true } });
    pools.set(
      model,
      rows.map((row) => globalId(model, row.id)),
    );
  }
  return pools;
}

/** Everything anyone may see of B without an account: its public page, reports, open surveys. */
async function publicSurfaceOf(t: TestApp, reportIds: string[], surveyIds: string[]): Promise<unknown[]> {
  const report = "id title templateKey unitName periodStart periodEnd versionNumber contentHash publishedAt markdown html";
  const pages: unknown[] = [];
  const page = await t.graphql(
    `query ($slug: String!) { publicAgency(slug: $slug) { name slug
      publishedReports { ${report} } planSummaries { unitName report { ${report} } }
      upcomingMeetings { title location startsAt endsAt languages unitName } } }`,
    { variables: { slug: FOREIGN } },
  );
  pages.push(page.data);
  for (const id of reportIds) {
    const answer = await t.graphql(
      `query ($slug: String!, $id: ID!) { publicAgency(slug: $slug) { publishedReport(id: $id) { ${report} } } }`,
      {
        variables: { slug: FOREIGN, id },
      },
    );
    pages.push(answer.data);
  }
  for (const id of surveyIds) {
    const answer = await t.graphql(
      `query ($slug: String!, $id: ID!) { publicSurvey(agencySlug: $slug, surveyId: $id) { id title description languages questions { id kind prompt options required } } }`,
      { variables: { slug: FOREIGN, id } },
    );
    pages.push(answer.data);
  }
  return pages;
}

function describeFailures(seed: number, runs: number, failures: Failure[]): string {
  const lines = [`${failures.length} fuzz failure(s); replay with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`];
  for (const failure of failures.slice(0, MAX_REPORTED)) {
    lines.push(
      `#${failure.index} as ${failure.caller} (${failure.operation.root}), HTTP ${failure.status}: ${failure.problems.join("; ")}`,
      `  query: ${failure.operation.query}`,
      `  variables: ${JSON.stringify(failure.operation.variables).slice(0, 1000)}`,
      `  answer: ${failure.answer.slice(0, 1000)}`,
    );
  }
  return lines.join("\n");
}

describe.each(databases)("schema-driven fuzzing as every role of one agency (%s)", (database) => {
  const runs = RUNS[database];
  let t: TestApp;
  let schema: GraphQLSchema;
  let pools: IdPools;
  let foreign: ForeignValues;
  let callers: Caller[];

  beforeAll(async () => {
    const { profiles } = await loadDeploymentConfig();
    t = await createTestApp({ database, profiles, production: true });
    schema = buildSchema(profiles);
    const root = t.database.prisma;
    const agencyIds = Object.fromEntries(
      await Promise.all(
        [OWN, FOREIGN].map(async (slug) => [slug, (await root.agency.findUniqueOrThrow({ where: { slug } })).id] as const),
      ),
    ) as Record<string, string>;
    const own = agencyClientFor(root, agencyIds[OWN] as string);
    const other = agencyClientFor(root, agencyIds[FOREIGN] as string);
    // A row of every tenant model in both agencies, beyond what the demo data has.
    for (const model of tenantOwnedModels()) {
      await TENANT_ROW_FACTORIES[model]!(own, agencyIds[OWN] as string, `metro-fuzz-${model}`);
      await TENANT_ROW_FACTORIES[model]!(other, agencyIds[FOREIGN] as string, `${FOREIGN_TAG}-${model}`);
    }

    const models = nodeModels(schema);
    const ownIds = await idsByType(own, agencyIds[OWN] as string, models);
    const foreignIds = await idsByType(other, agencyIds[FOREIGN] as string, models);
    callers = [
      ...(await Promise.all(ROLES.map(async (role) => ({ role, token: await t.tokenFor(OWN, role) })))),
      { role: "public", token: undefined },
    ];
    const actors = await own.member.findMany({
      where: { agencyId: agencyIds[OWN], email: { endsWith: `@${OWN}.example` } },
      select: { id: true },
    });
    pools = {
      own: ownIds,
      foreign: foreignIds,
      protectedIds: new Set(actors.map((actor) => globalId("Member", actor.id))),
    };
    const enumValues = Object.values(schema.getTypeMap())
      .filter(isEnumType)
      .flatMap((type) => type.getValues().map((value) => value.name));
    foreign = await collectForeignValues({
      foreign: other,
      foreignAgencyId: agencyIds[FOREIGN] as string,
      own,
      ownAgencyId: agencyIds[OWN] as string,
      shared: [await publicSurfaceOf(t, foreignIds.get("Report") ?? [], foreignIds.get("Survey") ?? []), enumValues],
    });
  });
  afterAll(() => t?.close());

  it(`keeps ${runs} random operations free of 5xx, unmasked errors and the other agency's data`, {
    timeout: Math.max(180_000, runs * 150),
  }, async () => {
    // The leak detector itself must see B: a B id (raw, as a global ID, in a cursor) and a B-only text.
    const [foreignStakeholder] = pools.foreign.get("Stakeholder") ?? [];
    const rawId =
      Buffer.from(foreignStakeholder ?? "", "base64")
        .toString()
        .split(":")[1] ?? "";
    for (const sample of [rawId, foreignStakeholder, Buffer.from(`GPC:S:${rawId}`).toString("base64")]) {
      expect(foreign.foundIn({ data: { value: sample } }).size).toBe(1);
    }
    expect(foreign.foundIn(`Fixture stakeholder ${FOREIGN_TAG}-Stakeholder`).size).toBeGreaterThan(0);
    expect(foreign.foundIn([...pools.own.values()].flat()).size).toBe(0);

    const failures: Failure[] = [];
    for (let index = 0; index < runs && failures.length < MAX_REPORTED; index += 1) {
      // One generator per operation, seeded from the run's seed and its position: #index replays alone.
      const random = new SeededRandom(Math.imul(SEED ^ 0x9e3779b9, 31) + index);
      const caller = callers[index % callers.length] as Caller;
      const hostile = random.chance(0.6);
      const operation = generateOperation(schema, random, new ArgumentValues(random, pools, hostile));
      const answer = await t.app.fetch("http://roundtable.test/graphql", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
        },
        body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      });
      const text = await answer.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const problems = checkResponse(answer.status, body, operation, foreign);
      if (problems.length > 0) {
        failures.push({ index, caller: caller.role, operation, status: answer.status, problems, answer: text });
      }
    }
    if (failures.length > 0) throw new Error(describeFailures(SEED, runs, failures));

    const ready = await t.app.fetch("http://roundtable.test/readyz");
    expect(ready.status).toBe(200);
    const viewer = await t.graphql("{ viewer { agency { slug } } }", { token: await t.tokenFor(OWN, "CHIEF") });
    expect(viewer.data).toEqual({ viewer: { agency: { slug: OWN } } });
  });
});
