import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredSectionKeys } from "../src/schema/plan-required-sections.ts";

const PLAN_FIELDS = "id title kind version owner { name } unit { name }";
const REVISION_FIELDS = "id status version periodStart periodEnd submittedAt submittedBy { name } sections { key title body }";
const CREATE_PLAN = `mutation ($input: CreatePlanInput!) { createPlan(input: $input) { plan { ${PLAN_FIELDS} } } }`;
const UPDATE_PLAN = `mutation ($input: UpdatePlanInput!) { updatePlan(input: $input) { plan { ${PLAN_FIELDS} } } }`;
const START = `mutation ($input: StartPlanRevisionInput!) { startPlanRevision(input: $input) { revision { ${REVISION_FIELDS} } } }`;
const SAVE = `mutation ($input: SavePlanSectionInput!) { savePlanSection(input: $input) { revision { ${REVISION_FIELDS} } } }`;
const SUBMIT = `mutation ($input: SubmitPlanRevisionInput!) { submitPlanRevision(input: $input) { revision { ${REVISION_FIELDS} } } }`;

interface Revision {
  id: string;
  status: string;
  version: number;
  periodStart: string;
  sections: { key: string; title: string; body: string }[];
}

describe("plans and plan revisions", () => {
  let t: TestApp;
  let chief: string;
  let commander: string;
  const units = new Map<string, string>();
  const plans = new Map<string, string>();
  let lakeviewPlanId: string;

  const counts = async () => ({
    plans: await t.database.prisma.plan.count(),
    revisions: await t.database.prisma.planRevision.count(),
    sections: await t.database.prisma.planSection.count(),
    // Changes only: a refused attempt is audited too (as DENIED), see audit-denied-attempts.test.ts.
    audits: await t.database.prisma.auditEvent.count({ where: { outcome: "SUCCESS" } }),
  });

  const unitPlans = async (token: string) => {
    const response = await t.graphql<{
      agency: { orgUnits: { edges: { node: { id: string; name: string; plan: { id: string } | null } }[] } };
    }>("{ agency { orgUnits(first: 50) { edges { node { id name plan { id } } } } } }", { token });
    return response.data!.agency.orgUnits.edges.map((edge) => edge.node);
  };

  /** A fresh DRAFT revision of Eastside's plan, for a period no other test uses. */
  const startEastsideRevision = async (periodStart: string, periodEnd: string) => {
    const response = await t.graphql<{ startPlanRevision: { revision: Revision } }>(START, {
      token: commander,
      variables: { input: { planId: plans.get("Eastside Station"), periodStart, periodEnd, copyPreviousSections: false } },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.startPlanRevision.revision;
  };

  beforeAll(async () => {
    t = await createTestApp();
    chief = await t.tokenFor("metro", "CHIEF");
    commander = await t.tokenFor("metro", "UNIT_COMMANDER");
    for (const unit of await unitPlans(chief)) {
      units.set(unit.name, unit.id);
      if (unit.plan) plans.set(unit.name, unit.plan.id);
    }
    const lakeview = await unitPlans(await t.tokenFor("lakeview", "CHIEF"));
    lakeviewPlanId = lakeview.find((unit) => unit.plan)!.plan!.id;
  });
  afterAll(() => t.close());

  it("shows each patrol station's Community Policing Plan with its submitted and draft revisions", async () => {
    const response = await t.graphql<{ agency: { orgUnits: { edges: { node: Record<string, unknown> }[] } } }>(
      `{ agency { orgUnits(first: 50) { edges { node { name plan {
          title kind owner { email }
          latestRevision { status periodStart periodEnd sections { key } }
          revisions(first: 5) { totalCount edges { node { status periodStart submittedAt } } }
      } } } } } }`,
      { token: await t.tokenFor("metro", "MEMBER") },
    );
    expect(response.errors).toBeUndefined();
    const eastside = response.data!.agency.orgUnits.edges.find((edge) => edge.node.name === "Eastside Station")!.node;
    expect(eastside.plan).toMatchObject({
      title: "Eastside Station Community Policing Plan",
      kind: "COMMUNITY_POLICING_PLAN",
      owner: { email: "unit_commander@metro.example" },
      latestRevision: { status: "DRAFT", periodStart: "2026-07-01", periodEnd: "2026-12-31" },
      revisions: {
        totalCount: 2,
        edges: [
          { node: { status: "DRAFT", periodStart: "2026-07-01", submittedAt: null } },
          { node: { status: "SUBMITTED", periodStart: "2026-01-01", submittedAt: "2026-06-24T17:00:00.000Z" } },
        ],
      },
    });
    const withPlans = response.data!.agency.orgUnits.edges.filter((edge) => edge.node.plan).map((edge) => edge.node.name);
    expect(withPlans.sort()).toEqual(["Eastside Station", "Harbor Station", "Valley Station"]);
  });

  it("lists plans with filters and totalCount", async () => {
    const all = await t.graphql<{ plans: { totalCount: number; edges: { node: { unit: { name: string } } }[] } }>(
      "{ plans { totalCount edges { node { unit { name } } } } }",
      { token: chief },
    );
    expect(all.data!.plans.totalCount).toBeGreaterThanOrEqual(3);
    const harbor = await t.graphql<{ plans: { totalCount: number; edges: { node: { unit: { name: string } } }[] } }>(
      'query ($unitId: ID!) { plans(filter: { unitId: $unitId, kind: "COMMUNITY_POLICING_PLAN" }) { totalCount edges { node { unit { name } } } } }',
      { token: chief, variables: { unitId: units.get("Harbor Station") } },
    );
    expect(harbor.data!.plans).toEqual({ totalCount: 1, edges: [{ node: { unit: { name: "Harbor Station" } } }] });
    expect((await t.graphql("{ plans { totalCount } }")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets a commander start another kind of plan for their station, owned by them, and audits it", async () => {
    const response = await t.graphql(CREATE_PLAN, {
      token: commander,
      variables: {
        input: { unitId: units.get("Eastside Station"), title: "Eastside Traffic Safety Plan", kind: "TRAFFIC_SAFETY_PLAN" },
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      createPlan: {
        plan: {
          title: "Eastside Traffic Safety Plan",
          kind: "TRAFFIC_SAFETY_PLAN",
          version: 1,
          owner: { name: "Morgan Commander" },
          unit: { name: "Eastside Station" },
        },
      },
    });
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "plan.create" } });
    expect(audit).toMatchObject({ entityType: "Plan", outcome: "SUCCESS", actorRoles: ["UNIT_COMMANDER"] });
  });

  it("refuses a second plan of the same kind for a unit with CONFLICT, writing nothing", async () => {
    const before = await counts();
    const response = await t.graphql(CREATE_PLAN, {
      token: chief,
      variables: { input: { unitId: units.get("Harbor Station"), title: "Another Harbor plan" } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(response.errors?.[0]?.message).toMatch(/Harbor Station already has a COMMUNITY_POLICING_PLAN plan/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a commander touching another station's plan (FORBIDDEN), writing nothing", async () => {
    const before = await counts();
    const harborPlan = plans.get("Harbor Station");
    const harborDraft = await t.database.prisma.planRevision.findFirstOrThrow({
      where: { status: "DRAFT", plan: { unit: { name: "Harbor Station" } } },
      select: { id: true, version: true },
    });
    const draftId = Buffer.from(`PlanRevision:${harborDraft.id}`).toString("base64");
    const attempts = [
      t.graphql(CREATE_PLAN, {
        token: commander,
        variables: { input: { unitId: units.get("Harbor Station"), title: "Not mine", kind: "OTHER_PLAN" } },
      }),
      t.graphql(UPDATE_PLAN, {
        token: commander,
        variables: { input: { id: harborPlan, expectedVersion: 1, title: "Renamed" } },
      }),
      t.graphql(START, {
        token: commander,
        variables: { input: { planId: harborPlan, periodStart: "2027-01-01", periodEnd: "2027-06-30" } },
      }),
      t.graphql(SAVE, {
        token: commander,
        variables: { input: { revisionId: draftId, expectedVersion: harborDraft.version, key: "x", title: "X", body: "" } },
      }),
      t.graphql(SUBMIT, {
        token: commander,
        variables: { input: { revisionId: draftId, expectedVersion: harborDraft.version } },
      }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  it("refuses a plain member and answers another agency's plan like a missing one", async () => {
    const asMember = await t.graphql(CREATE_PLAN, {
      token: await t.tokenFor("metro", "MEMBER"),
      variables: { input: { unitId: units.get("Eastside Station"), title: "Mine", kind: "MEMBER_PLAN" } },
    });
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const before = await counts();
    const elsewhere = await t.graphql(START, {
      token: chief,
      variables: { input: { planId: lakeviewPlanId, periodStart: "2027-01-01", periodEnd: "2027-06-30" } },
    });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(elsewhere.errors?.[0]?.message).toBe("input.planId: no such record");
    expect(await counts()).toEqual(before);
  });

  it("refuses a revision period that ends before it starts, or is no day, naming the field", async () => {
    const before = await counts();
    const backwards = await t.graphql(START, {
      token: commander,
      variables: { input: { planId: plans.get("Eastside Station"), periodStart: "2027-06-30", periodEnd: "2027-01-01" } },
    });
    expect(backwards.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(backwards.errors?.[0]?.message).toBe("input.periodEnd: must be after periodStart");
    const notADay = await t.graphql(START, {
      token: commander,
      variables: { input: { planId: plans.get("Eastside Station"), periodStart: "2027-02-30", periodEnd: "2027-06-30" } },
    });
    expect(notADay.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a second revision for the same period start with CONFLICT", async () => {
    const before = await counts();
    const response = await t.graphql(START, {
      token: commander,
      variables: { input: { planId: plans.get("Eastside Station"), periodStart: "2026-07-01", periodEnd: "2026-09-30" } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(response.errors?.[0]?.message).toMatch(/already has a revision starting 2026-07-01/);
    expect(await counts()).toEqual(before);
  });

  it("starts the next revision from the previous one's sections", async () => {
    const response = await t.graphql<{ startPlanRevision: { revision: Revision } }>(START, {
      token: commander,
      variables: { input: { planId: plans.get("Eastside Station"), periodStart: "2027-01-01", periodEnd: "2027-06-30" } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.startPlanRevision.revision).toMatchObject({ status: "DRAFT", version: 1, periodStart: "2027-01-01" });
    expect(response.data!.startPlanRevision.revision.sections.map((section) => section.key)).toEqual([
      "community-feedback",
      "effectiveness",
    ]);
  });

  it("saves sections in key order, bumping the version, and refuses a stale expectedVersion naming currentVersion", async () => {
    const draft = await startEastsideRevision("2028-01-01", "2028-06-30");
    const first = await t.graphql<{ savePlanSection: { revision: Revision } }>(SAVE, {
      token: commander,
      variables: {
        input: { revisionId: draft.id, expectedVersion: 1, key: "sharing", title: "Sharing", body: "Posted online." },
      },
    });
    const second = await t.graphql<{ savePlanSection: { revision: Revision } }>(SAVE, {
      token: commander,
      variables: {
        input: { revisionId: draft.id, expectedVersion: 2, key: "effectiveness", title: "Effectiveness", body: "Fewer calls." },
      },
    });
    expect(first.errors).toBeUndefined();
    expect(second.data!.savePlanSection.revision).toMatchObject({
      version: 3,
      sections: [
        { key: "effectiveness", title: "Effectiveness", body: "Fewer calls." },
        { key: "sharing", title: "Sharing", body: "Posted online." },
      ],
    });
    const before = await counts();
    const stale = await t.graphql(SAVE, {
      token: commander,
      variables: { input: { revisionId: draft.id, expectedVersion: 1, key: "sharing", title: "Overwritten", body: "" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 3 });
    expect(await counts()).toEqual(before);
    const sharing = await t.database.prisma.planSection.findFirstOrThrow({
      where: { key: "sharing", title: { not: "Sharing with the community" } },
    });
    expect(sharing.title).toBe("Sharing");
  });

  it("names every bad section field at once and writes nothing", async () => {
    const draft = await startEastsideRevision("2029-01-01", "2029-06-30");
    const before = await counts();
    const response = await t.graphql(SAVE, {
      token: commander,
      variables: { input: { revisionId: draft.id, expectedVersion: 1, key: "Community Feedback!", title: " ", body: "x" } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/input\.key: must be 1 to 60 lower-case letters/);
    expect(response.errors?.[0]?.message).toMatch(/input\.title: must not be empty/);
    expect(await counts()).toEqual(before);
  });

  it("freezes a submitted revision: later edits and a second submission are CONFLICT", async () => {
    const draft = await startEastsideRevision("2030-01-01", "2030-06-30");
    const submitted = await t.graphql<{ submitPlanRevision: { revision: Revision & { submittedBy: { name: string } } } }>(
      SUBMIT,
      {
        token: commander,
        variables: { input: { revisionId: draft.id, expectedVersion: 1 } },
      },
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitPlanRevision.revision).toMatchObject({
      status: "SUBMITTED",
      version: 2,
      submittedBy: { name: "Morgan Commander" },
    });
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "plan-revision.submit" } });
    expect(audit).toMatchObject({ entityType: "PlanRevision", before: { status: "DRAFT" }, after: { status: "SUBMITTED" } });

    const before = await counts();
    const edit = await t.graphql(SAVE, {
      token: chief,
      variables: { input: { revisionId: draft.id, expectedVersion: 2, key: "late", title: "Late", body: "Too late." } },
    });
    expect(edit.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(edit.errors?.[0]?.message).toMatch(/was submitted and is final/);
    const again = await t.graphql(SUBMIT, { token: chief, variables: { input: { revisionId: draft.id, expectedVersion: 2 } } });
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await counts()).toEqual(before);
  });

  it("refuses submission while sections a profile requires are missing", async () => {
    const draft = await startEastsideRevision("2031-01-01", "2031-06-30");
    const hook = () => ["community-feedback", "sharing"];
    requiredSectionKeys.push(hook);
    try {
      const refused = await t.graphql(SUBMIT, {
        token: commander,
        variables: { input: { revisionId: draft.id, expectedVersion: 1 } },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(refused.errors?.[0]?.message).toBe(
        "input.revisionId: the revision lacks required sections: community-feedback, sharing",
      );
      expect(
        (await t.database.prisma.planRevision.findFirstOrThrow({ where: { periodStart: new Date("2031-01-01") } })).status,
      ).toBe("DRAFT");
    } finally {
      requiredSectionKeys.splice(requiredSectionKeys.indexOf(hook), 1);
    }
  });

  it("updates a plan's title and owner, refusing a stale expectedVersion naming currentVersion", async () => {
    const valleyPlan = plans.get("Valley Station");
    const member = await t.graphql<{ viewer: { member: { id: string } } }>("{ viewer { member { id } } }", {
      token: await t.tokenFor("metro", "COORDINATOR"),
    });
    const renamed = await t.graphql(UPDATE_PLAN, {
      token: chief,
      variables: {
        input: { id: valleyPlan, expectedVersion: 1, title: "Valley CPP 2026", ownerId: member.data!.viewer.member.id },
      },
    });
    expect(renamed.data).toMatchObject({
      updatePlan: { plan: { title: "Valley CPP 2026", version: 2, owner: { name: "Jordan Coordinator" } } },
    });
    const stale = await t.graphql(UPDATE_PLAN, {
      token: chief,
      variables: { input: { id: valleyPlan, expectedVersion: 1, title: "Overwritten" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect((await t.database.prisma.plan.findFirstOrThrow({ where: { title: { startsWith: "Valley" } } })).title).toBe(
      "Valley CPP 2026",
    );
    expect(await t.database.prisma.auditEvent.count({ where: { action: "plan.update" } })).toBe(1);
  });
});
