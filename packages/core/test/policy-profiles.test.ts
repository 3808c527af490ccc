import { type DomainEvent, definePolicyProfile, defineRule } from "@roundtable/core";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

/** A profile written the way an agency's IT would: one rule watching stakeholders, one that breaks. */
let breakRule = true;
const neighbourhoodWatch = definePolicyProfile({
  id: "neighbourhood-watch",
  version: "0.1.0",
  title: "Every area has a neighbourhood association",
  settings: z.object({ minimum: z.number().int().min(1).default(1) }),
  rules: [
    defineRule<{ minimum: number }>({
      id: "neighbourhood-watch.association-count",
      title: "Enough neighbourhood associations",
      triggers: ["stakeholder.*"],
      async evaluate({ db, settings }) {
        const count = await db.stakeholder.count({ where: { kind: "NEIGHBORHOOD_ASSOCIATION" } });
        return count >= settings.minimum
          ? []
          : [
              {
                severity: "WARNING",
                subjectType: "Agency",
                message: `${count} of ${settings.minimum} neighbourhood associations recorded.`,
              },
            ];
      },
    }),
    defineRule({
      id: "neighbourhood-watch.fragile",
      title: "A rule with a bug",
      triggers: [],
      async evaluate() {
        if (breakRule) throw new Error("boom");
        return [];
      },
    }),
  ],
});

const CONFIGURE = `mutation ($input: ConfigureProfileInput!) { configurePolicyProfile(input: $input) { id enabled settings settingsVersion } }`;
const FINDINGS = `{ compliance { findings(filter: { profileId: "neighbourhood-watch" }) { ruleId severity message subjectType } } }`;

describe("policy profiles and the compliance engine", () => {
  let t: TestApp;
  let chief: string;
  const published: DomainEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp({ profiles: [neighbourhoodWatch] });
    chief = await t.tokenFor("metro", "CHIEF");
    t.bus.subscribe((events) => {
      published.push(...events);
    });
  });
  afterAll(() => t.close());

  it("lists installed profiles with the agency's choice and a JSON Schema of the settings", async () => {
    const response = await t.graphql<{
      policyProfiles: { id: string; enabled: boolean; settings: unknown; settingsSchema: { properties: object } }[];
    }>("{ policyProfiles { id enabled settings settingsSchema } }", { token: chief });
    expect(response.data!.policyProfiles).toHaveLength(1);
    expect(response.data!.policyProfiles[0]).toMatchObject({
      id: "neighbourhood-watch",
      enabled: false,
      settings: { minimum: 1 },
    });
    expect(response.data!.policyProfiles[0]!.settingsSchema.properties).toHaveProperty("minimum");
  });

  it("refuses an unknown profile and bad settings, naming them, and writes nothing", async () => {
    const unknown = await t.graphql(CONFIGURE, { token: chief, variables: { input: { profileId: "nope", enabled: true } } });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'input.profileId: no installed profile is called "nope"',
      extensions: { code: "BAD_USER_INPUT" },
    });
    const bad = await t.graphql(CONFIGURE, {
      token: chief,
      variables: { input: { profileId: "neighbourhood-watch", enabled: true, settings: { minimum: 0 } } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toMatch(/^input\.settings\.minimum: /);
    expect(await t.database.prisma.agencyProfile.count({ where: { profileId: "neighbourhood-watch" } })).toBe(0);
  });

  it("lets only the Chief/Sheriff or an agency admin configure profiles", async () => {
    const response = await t.graphql(CONFIGURE, {
      token: await t.tokenFor("metro", "COORDINATOR"),
      variables: { input: { profileId: "neighbourhood-watch", enabled: true } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("enables a profile with settings, audits it, keeps the history, and refuses a stale version", async () => {
    const first = await t.graphql(CONFIGURE, {
      token: chief,
      variables: { input: { profileId: "neighbourhood-watch", enabled: true, settings: { minimum: 2 } } },
    });
    expect(first.data).toEqual({
      configurePolicyProfile: { id: "neighbourhood-watch", enabled: true, settings: { minimum: 2 }, settingsVersion: 1 },
    });
    const second = await t.graphql(CONFIGURE, {
      token: chief,
      variables: { input: { profileId: "neighbourhood-watch", enabled: true, settings: { minimum: 1 }, expectedVersion: 1 } },
    });
    expect(second.errors).toBeUndefined();
    const stale = await t.graphql(CONFIGURE, {
      token: chief,
      variables: { input: { profileId: "neighbourhood-watch", enabled: true, settings: { minimum: 5 }, expectedVersion: 1 } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    const history = await t.graphql<{ policyProfileHistory: { version: number; settings: { minimum: number } }[] }>(
      `{ policyProfileHistory(profileId: "neighbourhood-watch") { version settings } }`,
      { token: chief },
    );
    expect(history.data!.policyProfileHistory.map((change) => [change.version, change.settings.minimum])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(await t.database.prisma.auditEvent.count({ where: { action: "agency-profile.configure" } })).toBe(2);
  });

  it("turns a throwing rule into a rule-error finding while the other rules and the API carry on", async () => {
    const run = await t.graphql<{ evaluateCompliance: { rulesEvaluated: number } }>(
      "mutation { evaluateCompliance { rulesEvaluated } }",
      { token: chief },
    );
    expect(run.data).toEqual({ evaluateCompliance: { rulesEvaluated: 2 } });
    const findings = await t.graphql<{ compliance: { findings: { ruleId: string; severity: string; message: string }[] } }>(
      FINDINGS,
      { token: chief },
    );
    expect(findings.data!.compliance.findings).toEqual(
      expect.arrayContaining([
        {
          ruleId: "neighbourhood-watch.association-count",
          severity: "WARNING",
          message: "0 of 1 neighbourhood associations recorded.",
          subjectType: "Agency",
        },
        {
          ruleId: "neighbourhood-watch.rule-error",
          severity: "WARNING",
          message: 'The rule "A rule with a bug" could not be evaluated; its earlier findings are kept until it runs again.',
          subjectType: "PolicyRule",
        },
      ]),
    );
    breakRule = false;
    await t.graphql("mutation { evaluateCompliance { rulesEvaluated } }", { token: chief });
    const after = await t.graphql<{ compliance: { findings: { ruleId: string }[] } }>(FINDINGS, { token: chief });
    expect(after.data!.compliance.findings.map((finding) => finding.ruleId)).toEqual(["neighbourhood-watch.association-count"]);
  });

  it("re-evaluates after the domain events a rule declares, and publishes the finding's resolution", async () => {
    published.length = 0;
    const created = await t.graphql(
      `mutation { createStakeholder(input: { name: "Harbor Neighbors", kind: NEIGHBORHOOD_ASSOCIATION }) { stakeholder { id } } }`,
      {
        token: chief,
      },
    );
    expect(created.errors).toBeUndefined();
    await t.settle();
    const after = await t.graphql<{ compliance: { findings: unknown[] } }>(FINDINGS, { token: chief });
    expect(after.data!.compliance.findings).toEqual([]);
    expect(published.map((event) => event.type)).toEqual(expect.arrayContaining(["stakeholder.create", "finding.resolve"]));
  });

  it("keeps one agency's findings from another", async () => {
    const lakeview = await t.graphql<{ compliance: { findings: unknown[] } }>(
      `{ compliance { findings(filter: { includeResolved: true }) { ruleId } } }`,
      {
        token: await t.tokenFor("lakeview", "CHIEF"),
      },
    );
    expect(lakeview.data!.compliance.findings).toEqual([]);
  });

  it("publishes no events for a mutation that failed", async () => {
    published.length = 0;
    await t.graphql(`mutation { createStakeholder(input: { name: "", kind: CHURCH }) { stakeholder { id } } }`, { token: chief });
    await t.settle();
    expect(published).toEqual([]);
  });
});

describe("definePolicyProfile", () => {
  const base = { version: "1.0.0", title: "T", settings: z.object({}) };
  it("refuses rule ids outside the profile, duplicates, and settings without defaults", () => {
    const rule = (id: string) => defineRule({ id, title: id, triggers: [], evaluate: async () => [] });
    expect(() => definePolicyProfile({ ...base, id: "x-profile", rules: [rule("other.rule")] })).toThrow(
      /must start with "x-profile."/,
    );
    expect(() => definePolicyProfile({ ...base, id: "x-profile", rules: [rule("x-profile.a"), rule("x-profile.a")] })).toThrow(
      /declared twice/,
    );
    expect(() => definePolicyProfile({ ...base, id: "x-profile", settings: z.object({ n: z.number() }), rules: [] })).toThrow(
      /default/,
    );
    expect(() => definePolicyProfile({ ...base, id: "Bad Id", rules: [] })).toThrow(/kebab-case/);
  });
});
