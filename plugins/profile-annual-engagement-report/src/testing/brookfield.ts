import { type PolicyRule, scopeToAgency, type TenantDb } from "@roundtable/core";
import type { PrismaClient } from "@roundtable/db";
import { createTestApp, type TestApp } from "@roundtable/testing";
import profile from "../index.ts";
import { type AnnualEngagementReportSettings, annualEngagementReportSettings } from "../settings.ts";

/**
 * A small city police department for this profile's tests, apart from the demo agencies:
 * Chief Brook, a coordinator (sworn), a civilian analyst, and the annual-engagement-report
 * profile enabled through the API as the Chief would.
 */
export interface Brookfield {
  t: TestApp;
  prisma: PrismaClient;
  db: TenantDb;
  agencyId: string;
  agency: { id: string; slug: string; name: string; timeZone: string };
  chief: string;
  coordinator: string;
  analyst: string;
  chiefToken: string;
  coordinatorToken: string;
  /** Runs every rule now (as `evaluateCompliance`) and returns the open findings of one rule. */
  findings(
    ruleId: string,
  ): Promise<{ ruleId: string; severity: string; message: string; subjectType: string; dueAt: string | null }[]>;
  /** Runs one rule as of `now`, for rules whose answer depends on the date. */
  evaluateAt(
    rule: PolicyRule<AnnualEngagementReportSettings>,
    now: Date,
    settings?: Partial<AnnualEngagementReportSettings>,
  ): ReturnType<PolicyRule<AnnualEngagementReportSettings>["evaluate"]>;
  close(): Promise<void>;
}

export async function createBrookfield(settings: Record<string, unknown> = {}): Promise<Brookfield> {
  const t = await createTestApp({ profiles: [profile], seed: false });
  const prisma = t.database.prisma;
  const row = await prisma.agency.create({ data: { slug: "brookfield", name: "Brookfield Police", kind: "POLICE_DEPARTMENT" } });
  const agencyId = row.id;
  const member = async (
    email: string,
    name: string,
    roles: ("CHIEF" | "COORDINATOR" | "MEMBER")[],
    kind: "SWORN" | "PROFESSIONAL",
  ) => (await prisma.member.create({ data: { agencyId, email, name, roles, kind } })).id;
  const chief = await member("chief@brookfield.example", "Chief Brook", ["CHIEF"], "SWORN");
  const coordinator = await member("coordinator@brookfield.example", "Officer Cole", ["COORDINATOR"], "SWORN");
  const analyst = await member("analyst@brookfield.example", "Ana Lyst", ["MEMBER"], "PROFESSIONAL");
  const chiefToken = await t.tokenFor("brookfield", "CHIEF");
  const coordinatorToken = await t.tokenFor("brookfield", "COORDINATOR");
  const configured = await t.graphql(
    `mutation ($input: ConfigureProfileInput!) { configurePolicyProfile(input: $input) { id enabled } }`,
    { token: chiefToken, variables: { input: { profileId: "annual-engagement-report", enabled: true, settings } } },
  );
  if (configured.errors) throw new Error(JSON.stringify(configured.errors));
  await t.settle();
  const agency = { id: agencyId, slug: row.slug, name: row.name, timeZone: row.timeZone };
  const db = scopeToAgency(prisma, agencyId);

  return {
    t,
    prisma,
    db,
    agencyId,
    agency,
    chief,
    coordinator,
    analyst,
    chiefToken,
    coordinatorToken,
    async findings(ruleId) {
      await t.settle();
      const run = await t.graphql(`mutation { evaluateCompliance { rulesEvaluated } }`, { token: chiefToken });
      if (run.errors) throw new Error(JSON.stringify(run.errors));
      const response = await t.graphql<{
        compliance: {
          findings: { ruleId: string; severity: string; message: string; subjectType: string; dueAt: string | null }[];
        };
      }>(
        `query ($ruleId: String) { compliance { findings(filter: { ruleId: $ruleId }) { ruleId severity message subjectType dueAt } } }`,
        { token: chiefToken, variables: { ruleId } },
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.compliance.findings;
    },
    evaluateAt(rule, now, overrides = {}) {
      const parsed = annualEngagementReportSettings.parse({ ...settings, ...overrides });
      return rule.evaluate({ db, agency, settings: parsed, now });
    },
    close: () => t.close(),
  };
}

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The Relay global ID of a row, as the API hands it out. */
export const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString("base64");
