import type { PrismaClient } from "@roundtable/db";
import { createTestApp, type TestApp } from "@roundtable/testing";
import patrolCpp from "../index.ts";

/**
 * A small sheriff's department for rule tests, apart from the demo agencies: North Station
 * (commanded by Cmdr. Ada North) and South Station (no commander), a deputy at North, and
 * the patrol-cpp profile enabled through the API as the Chief would.
 */
export interface Rivertown {
  t: TestApp;
  prisma: PrismaClient;
  agencyId: string;
  north: string;
  south: string;
  commander: string;
  deputy: string;
  chiefToken: string;
  /** Runs every rule now (as `evaluateCompliance`) and returns the open findings of one rule. */
  findings(ruleId: string): Promise<{ ruleId: string; severity: string; message: string; subjectType: string }[]>;
  close(): Promise<void>;
}

export async function createRivertown(settings: Record<string, unknown> = {}): Promise<Rivertown> {
  const t = await createTestApp({ profiles: [patrolCpp], seed: false });
  const prisma = t.database.prisma;
  const agency = await prisma.agency.create({
    data: { slug: "rivertown", name: "Rivertown Sheriff", kind: "SHERIFF_DEPARTMENT" },
  });
  const agencyId = agency.id;
  const north = (await prisma.orgUnit.create({ data: { agencyId, name: "North Station", kind: "PATROL_STATION" } })).id;
  const south = (await prisma.orgUnit.create({ data: { agencyId, name: "South Station", kind: "PATROL_STATION" } })).id;
  await prisma.member.create({ data: { agencyId, email: "chief@rivertown.example", name: "Chief Rivers", roles: ["CHIEF"] } });
  const commander = (
    await prisma.member.create({
      data: { agencyId, email: "ada@rivertown.example", name: "Cmdr. Ada North", roles: ["UNIT_COMMANDER"], unitId: north },
    })
  ).id;
  await prisma.orgUnit.update({ where: { id: north }, data: { commanderId: commander } });
  const deputy = (
    await prisma.member.create({
      data: {
        agencyId,
        email: "deputy@rivertown.example",
        name: "Deputy Bo",
        roles: ["MEMBER"],
        unitId: north,
        languages: ["en", "es"],
      },
    })
  ).id;
  const chiefToken = await t.tokenFor("rivertown", "CHIEF");
  const configured = await t.graphql(
    `mutation ($input: ConfigureProfileInput!) { configurePolicyProfile(input: $input) { id enabled } }`,
    { token: chiefToken, variables: { input: { profileId: "patrol-cpp", enabled: true, settings } } },
  );
  if (configured.errors) throw new Error(JSON.stringify(configured.errors));
  await t.settle();

  return {
    t,
    prisma,
    agencyId,
    north,
    south,
    commander,
    deputy,
    chiefToken,
    async findings(ruleId) {
      await t.settle();
      const run = await t.graphql(`mutation { evaluateCompliance { rulesEvaluated } }`, { token: chiefToken });
      if (run.errors) throw new Error(JSON.stringify(run.errors));
      const response = await t.graphql<{
        compliance: { findings: { ruleId: string; severity: string; message: string; subjectType: string }[] };
      }>(
        `query ($ruleId: String) { compliance { findings(filter: { ruleId: $ruleId }) { ruleId severity message subjectType } } }`,
        { token: chiefToken, variables: { ruleId } },
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.compliance.findings;
    },
    close: () => t.close(),
  };
}

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
