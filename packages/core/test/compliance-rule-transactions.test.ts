import { definePolicyProfile, defineRule } from "@roundtable/core";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

// Each rule reads in a transaction of its own (evaluate-compliance.ts). On PostgreSQL a
// statement that fails aborts its transaction, so a rule whose SQL breaks must not take the
// rules after it down with it: they still run and raise their findings.

const auditTrail = definePolicyProfile({
  id: "audit-trail",
  version: "0.1.0",
  title: "Rules that share an evaluation",
  settings: z.object({}),
  rules: [
    defineRule({
      id: "audit-trail.broken-sql",
      title: "A rule whose statement fails in the database",
      triggers: [],
      async evaluate({ db }) {
        await db.$queryRaw`SELECT 1 / 0`;
        return [];
      },
    }),
    defineRule({
      id: "audit-trail.stations",
      title: "Stations are counted",
      triggers: [],
      async evaluate({ db }) {
        const stations = await db.orgUnit.count({ where: { kind: "PATROL_STATION" } });
        // A second statement in the same rule: it reads inside the rule's transaction too.
        const members = await db.member.count();
        return [
          {
            severity: "INFO",
            subjectType: "Agency",
            message: `${stations} stations, ${members > 0 ? "with" : "without"} members.`,
          },
        ];
      },
    }),
  ],
});

describe("compliance rules in their own transactions (PostgreSQL)", () => {
  let t: TestApp;
  let chief: string;

  beforeAll(async () => {
    t = await createTestApp({ database: "postgres", profiles: [auditTrail] });
    chief = await t.tokenFor("metro", "CHIEF");
    const enabled = await t.graphql(
      `mutation { configurePolicyProfile(input: { profileId: "audit-trail", enabled: true, settings: {} }) { enabled } }`,
      { token: chief },
    );
    expect(enabled.errors).toBeUndefined();
  });
  afterAll(() => t?.close());

  it("reports the rule whose SQL failed and still runs the rule after it", async () => {
    const run = await t.graphql("mutation { evaluateCompliance { rulesEvaluated } }", { token: chief });
    expect(run.data).toEqual({ evaluateCompliance: { rulesEvaluated: 2 } });
    const findings = await t.graphql<{ compliance: { findings: { ruleId: string; message: string }[] } }>(
      `{ compliance { findings(filter: { profileId: "audit-trail" }) { ruleId message } } }`,
      { token: chief },
    );
    const byRule = Object.fromEntries(findings.data!.compliance.findings.map((finding) => [finding.ruleId, finding.message]));
    expect(byRule["audit-trail.rule-error"]).toMatch(/A rule whose statement fails/);
    expect(byRule["audit-trail.stations"]).toMatch(/^\d+ stations, with members\.$/);
  });
});
