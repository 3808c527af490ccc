import { buildSchema, type PolicyProfile, ROLES, type RoleName } from "@roundtable/core";
import { agencyClientFor, type PrismaClient, tenantOwnedModels } from "@roundtable/db";
import { TENANT_ROW_FACTORIES, type TestApp } from "@roundtable/testing";
import { type GraphQLSchema, isEnumType, isObjectType } from "graphql";
import { ArgumentValues, globalId, type IdPools } from "./argument-values.ts";
import { collectForeignValues, type ForeignValues } from "./foreign-values.ts";
import { type FuzzOperation, generateOperation } from "./operation-generator.ts";
import { checkResponse } from "./response-checks.ts";
import { SeededRandom, seedFromEnvironment } from "./seeded-random.ts";

// IV-06: schema-driven random operations, as every role of agency A (and the public),
// against the data of A and B. Properties: no HTTP 5xx, no unmasked internal error, nothing
// of B in any answer, the server healthy afterwards. Replay a failure with the printed
// FUZZ_SEED (and the run count); FUZZ_SEED=random explores new operations.

export const FUZZ_SEED = seedFromEnvironment(process.env.FUZZ_SEED, 20261123);
export const OWN = "metro";
export const FOREIGN = "lakeview";
/** Marks the rows made for B here; any answer to A containing it is a leak. */
export const FOREIGN_TAG = "lakeview-private-7qz";
const MAX_REPORTED = 10;

export type Caller = { role: RoleName | "public"; token: string | undefined };

/** One answer as the transport delivered it: HTTP status (200 over a socket) and body. */
export interface Delivered {
  status: number;
  body: unknown;
  text: string;
}

interface Failure {
  index: number;
  caller: string;
  operation: FuzzOperation;
  status: number;
  problems: string[];
  answer: string;
}

/** What a fuzzing run needs of a test app: the schema, both agencies' IDs, B's values, the callers. */
export interface FuzzTarget {
  schema: GraphQLSchema;
  pools: IdPools;
  foreign: ForeignValues;
  callers: Caller[];
}

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

/**
 * Gives both agencies a row of every tenant model beyond the demo data (B's tagged), and
 * gathers what the run needs: the schema with the app's `profiles`, both agencies' IDs, every value of B
 * that must never reach A, and a token for every role of A plus the public.
 */
export async function prepareFuzzTarget(
  t: TestApp,
  // biome-ignore lint/suspicious/noExplicitAny: each profile has its own settings type.
  profiles: readonly PolicyProfile<any>[],
): Promise<FuzzTarget> {
  const schema = buildSchema(profiles);
  const root = t.database.prisma;
  const agencyIds = Object.fromEntries(
    await Promise.all(
      [OWN, FOREIGN].map(async (slug) => [slug, (await root.agency.findUniqueOrThrow({ where: { slug } })).id] as const),
    ),
  ) as Record<string, string>;
  const own = agencyClientFor(root, agencyIds[OWN] as string);
  const other = agencyClientFor(root, agencyIds[FOREIGN] as string);
  for (const model of tenantOwnedModels()) {
    await TENANT_ROW_FACTORIES[model]!(own, agencyIds[OWN] as string, `metro-fuzz-${model}`);
    await TENANT_ROW_FACTORIES[model]!(other, agencyIds[FOREIGN] as string, `${FOREIGN_TAG}-${model}`);
  }

  const models = nodeModels(schema);
  const ownIds = await idsByType(own, agencyIds[OWN] as string, models);
  const foreignIds = await idsByType(other, agencyIds[FOREIGN] as string, models);
  const callers: Caller[] = [
    ...(await Promise.all(ROLES.map(async (role) => ({ role, token: await t.tokenFor(OWN, role) })))),
    { role: "public", token: undefined },
  ];
  const actors = await own.member.findMany({
    where: { agencyId: agencyIds[OWN], email: { endsWith: `@${OWN}.example` } },
    select: { id: true },
  });
  const pools: IdPools = {
    own: ownIds,
    foreign: foreignIds,
    protectedIds: new Set(actors.map((actor) => globalId("Member", actor.id))),
  };
  const enumValues = Object.values(schema.getTypeMap())
    .filter(isEnumType)
    .flatMap((type) => type.getValues().map((value) => value.name));
  const foreign = await collectForeignValues({
    foreign: other,
    foreignAgencyId: agencyIds[FOREIGN] as string,
    own,
    ownAgencyId: agencyIds[OWN] as string,
    shared: [await publicSurfaceOf(t, foreignIds.get("Report") ?? [], foreignIds.get("Survey") ?? []), enumValues],
  });
  return { schema, pools, foreign, callers };
}

/**
 * Sends `runs` generated operations through `send` and checks every answer; throws with
 * what to replay if any breaks a property. Operation #index depends only on the seed and
 * its position, so it replays alone, whatever the transport.
 */
export async function fuzz(
  target: FuzzTarget,
  runs: number,
  send: (caller: Caller, operation: FuzzOperation) => Promise<Delivered>,
): Promise<void> {
  const failures: Failure[] = [];
  for (let index = 0; index < runs && failures.length < MAX_REPORTED; index += 1) {
    const random = new SeededRandom(Math.imul(FUZZ_SEED ^ 0x9e3779b9, 31) + index);
    const caller = target.callers[index % target.callers.length] as Caller;
    const hostile = random.chance(0.6);
    const operation = generateOperation(target.schema, random, new ArgumentValues(random, target.pools, hostile));
    const answer = await send(caller, operation);
    const problems = checkResponse(answer.status, answer.body, operation, target.foreign);
    if (problems.length > 0) {
      failures.push({ index, caller: caller.role, operation, status: answer.status, problems, answer: answer.text });
    }
  }
  if (failures.length > 0) throw new Error(describeFailures(runs, failures));
}

function describeFailures(runs: number, failures: Failure[]): string {
  const lines = [`${failures.length} fuzz failure(s); replay with FUZZ_SEED=${FUZZ_SEED} and ${runs} runs`];
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
