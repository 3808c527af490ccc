import { encodeGlobalID } from "@pothos/plugin-relay";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PROBLEM_FIELDS = `id title status version assessment identifiedOn unit { name } plan { title } priority { id }
  analysis { offender victim place } responseCount preventionResponseCount`;
const RESPONSE_FIELDS = "id kind basis status version startedOn endedOn partners { name }";
const CREATE = `mutation ($input: CreateProblemInput!) { createProblem(input: $input) { problem { ${PROBLEM_FIELDS} } } }`;
const UPDATE = `mutation ($input: UpdateProblemInput!) { updateProblem(input: $input) { problem { ${PROBLEM_FIELDS} } } }`;
const ADD_RESPONSE = `mutation ($input: AddProblemResponseInput!) { addProblemResponse(input: $input) { response { ${RESPONSE_FIELDS} } } }`;
const UPDATE_RESPONSE = `mutation ($input: UpdateProblemResponseInput!) { updateProblemResponse(input: $input) { response { ${RESPONSE_FIELDS} } } }`;
const SET_PARTNERS = `mutation ($input: SetResponsePartnersInput!) { setResponsePartners(input: $input) { response { ${RESPONSE_FIELDS} } } }`;
const CREATE_STAKEHOLDER = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { stakeholder { id } } }`;

interface Problem {
  id: string;
  title: string;
  status: string;
  version: number;
  plan: { title: string } | null;
  responseCount: number;
  preventionResponseCount: number;
}

describe("SARA problems and responses", () => {
  let t: TestApp;
  let chief: string;
  let commander: string;
  let coordinator: string;
  const units = new Map<string, string>();

  const counts = async () => ({
    problems: await t.database.prisma.problem.count(),
    responses: await t.database.prisma.problemResponse.count(),
    partners: await t.database.prisma.responsePartner.count(),
    // Changes only: a refused attempt is audited too (as DENIED), see audit-denied-attempts.test.ts.
    audits: await t.database.prisma.auditEvent.count({ where: { outcome: "SUCCESS" } }),
  });

  const createProblem = async (input: Record<string, unknown>, token = commander) => {
    const response = await t.graphql<{ createProblem: { problem: Problem } }>(CREATE, {
      token,
      variables: {
        input: { unitId: units.get("Eastside Station"), title: "Graffiti on Elm", scanning: "Reported weekly.", ...input },
      },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.createProblem.problem;
  };

  const createStakeholder = async (name: string, slug = "metro") => {
    const response = await t.graphql<{ createStakeholder: { stakeholder: { id: string } } }>(CREATE_STAKEHOLDER, {
      token: await t.tokenFor(slug, "COORDINATOR"),
      variables: { input: { name, kind: "NON_PROFIT" } },
    });
    return response.data!.createStakeholder.stakeholder.id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    chief = await t.tokenFor("metro", "CHIEF");
    commander = await t.tokenFor("metro", "UNIT_COMMANDER");
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    const response = await t.graphql<{ agency: { orgUnits: { edges: { node: { id: string; name: string } }[] } } }>(
      "{ agency { orgUnits(first: 50) { edges { node { id name } } } } }",
      { token: chief },
    );
    for (const { node } of response.data!.agency.orgUnits.edges) units.set(node.name, node.id);
  });
  afterAll(() => t.close());

  it("shows a station's problems with the problem triangle, responses, partners and prevention count", async () => {
    const response = await t.graphql<{ problems: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(
      `query ($unitId: ID!) { problems(filter: { unitId: $unitId }, orderBy: TITLE) { totalCount edges { node {
          title status analysis { place } plan { title } responseCount preventionResponseCount
          responses { kind basis partners { name } }
      } } } }`,
      { token: await t.tokenFor("metro", "MEMBER"), variables: { unitId: units.get("Harbor Station") } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.problems.totalCount).toBe(2);
    expect(response.data!.problems.edges[0]!.node).toMatchObject({
      title: "Catalytic converter thefts along the harbor front",
      status: "RESPONSE",
      analysis: { place: "Unfenced lots off the service road." },
      plan: { title: "Harbor Station Community Policing Plan" },
      responseCount: 2,
      preventionResponseCount: 1,
      responses: [
        { kind: "PREVENTION", basis: "COMMUNITY_INPUT_BASED" },
        { kind: "ENFORCEMENT", basis: "RESULT_BASED", partners: [] },
      ],
    });
  });

  it("lets a commander record a problem for their station, filed under its plan, and audits it", async () => {
    const problem = await createProblem({
      title: "Shoplifting at the Elm Street pharmacy",
      analysis: { offender: "Repeat adult offenders", place: "Self-checkout by the door" },
      identifiedOn: "2026-10-05",
    });
    expect(problem).toMatchObject({
      title: "Shoplifting at the Elm Street pharmacy",
      status: "SCANNING",
      version: 1,
      identifiedOn: "2026-10-05",
      unit: { name: "Eastside Station" },
      plan: { title: "Eastside Station Community Policing Plan" },
      analysis: { offender: "Repeat adult offenders", victim: null, place: "Self-checkout by the door" },
      responseCount: 0,
    });
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "problem.create" } });
    expect(audit).toMatchObject({ entityType: "Problem", outcome: "SUCCESS", after: { status: "SCANNING" } });
  });

  it("lets the coordinator raise a problem at any station", async () => {
    const problem = await createProblem(
      { unitId: units.get("Valley Station"), title: "Street racing on Canyon Road" },
      coordinator,
    );
    expect(problem).toMatchObject({
      unit: { name: "Valley Station" },
      plan: { title: "Valley Station Community Policing Plan" },
    });
  });

  it("refuses a commander recording or working another station's problems (FORBIDDEN), writing nothing", async () => {
    const harborProblem = await createProblem({ unitId: units.get("Harbor Station"), title: "Harbor problem" }, chief);
    const before = await counts();
    const attempts = [
      t.graphql(CREATE, {
        token: commander,
        variables: { input: { unitId: units.get("Harbor Station"), title: "Not my station", scanning: "Seen." } },
      }),
      t.graphql(UPDATE, {
        token: commander,
        variables: { input: { id: harborProblem.id, expectedVersion: 1, title: "Renamed" } },
      }),
      t.graphql(ADD_RESPONSE, {
        token: commander,
        variables: { input: { problemId: harborProblem.id, description: "Patrols", kind: "ENFORCEMENT", basis: "RESULT_BASED" } },
      }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asCoordinator = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id: harborProblem.id, expectedVersion: 1, title: "Renamed" } },
    });
    expect(asCoordinator.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(before);
  });

  it("refuses closing a problem without an assessment, naming input.assessment, and writes nothing", async () => {
    const problem = await createProblem({ title: "Loitering at the bus stop" });
    const before = await counts();
    const onCreate = await t.graphql(CREATE, {
      token: commander,
      variables: { input: { unitId: units.get("Eastside Station"), title: "", scanning: "Seen.", status: "CLOSED" } },
    });
    expect(onCreate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(onCreate.errors?.[0]?.message).toMatch(/input\.title: must not be empty/);
    expect(onCreate.errors?.[0]?.message).toMatch(/input\.assessment: is required to close a problem/);
    const onUpdate = await t.graphql(UPDATE, {
      token: commander,
      variables: { input: { id: problem.id, expectedVersion: 1, status: "CLOSED", title: "Renamed" } },
    });
    expect(onUpdate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(onUpdate.errors?.[0]?.message).toBe(
      "input.assessment: is required to close a problem: say whether the responses worked",
    );
    expect(await counts()).toEqual(before);
    const row = await t.database.prisma.problem.findFirstOrThrow({ where: { title: "Loitering at the bus stop" } });
    expect(row).toMatchObject({ status: "SCANNING", version: 1 });
  });

  it("closes a problem once it has an assessment, and refuses a stale update naming currentVersion", async () => {
    const problem = await createProblem({ title: "Noise from the Main Street bar" });
    const assessed = await t.graphql(UPDATE, {
      token: commander,
      variables: {
        input: { id: problem.id, expectedVersion: 1, status: "ASSESSMENT", assessment: "Complaints fell from 12 to 2 a month." },
      },
    });
    expect(assessed.errors).toBeUndefined();
    const closed = await t.graphql(UPDATE, {
      token: chief,
      variables: { input: { id: problem.id, expectedVersion: 2, status: "CLOSED" } },
    });
    expect(closed.data).toMatchObject({ updateProblem: { problem: { status: "CLOSED", version: 3 } } });
    const stale = await t.graphql(UPDATE, {
      token: commander,
      variables: { input: { id: problem.id, expectedVersion: 2, title: "Overwritten" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 3 });
    const row = await t.database.prisma.problem.findFirstOrThrow({ where: { title: "Noise from the Main Street bar" } });
    expect(row.version).toBe(3);
    const audits = await t.database.prisma.auditEvent.findMany({ where: { action: "problem.update", entityId: row.id } });
    expect(audits.map((audit) => audit.after)).toEqual([
      expect.objectContaining({ status: "ASSESSMENT" }),
      expect.objectContaining({ status: "CLOSED" }),
    ]);
  });

  it("refuses a plan of another station and another agency's unit", async () => {
    const harborPlan = await t.database.prisma.plan.findFirstOrThrow({ where: { unit: { name: "Harbor Station" } } });
    const lakeviewUnit = await t.database.prisma.orgUnit.findFirstOrThrow({ where: { name: "Patrol Bureau" } });
    const before = await counts();
    const wrongPlan = await t.graphql(CREATE, {
      token: commander,
      variables: {
        input: {
          unitId: units.get("Eastside Station"),
          planId: encodeGlobalID("Plan", harborPlan.id),
          title: "X",
          scanning: "Y",
        },
      },
    });
    expect(wrongPlan.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(wrongPlan.errors?.[0]?.message).toBe("input.planId: must be a plan of the problem's unit");
    const elsewhere = await t.graphql(CREATE, {
      token: chief,
      variables: { input: { unitId: encodeGlobalID("OrgUnit", lakeviewUnit.id), title: "X", scanning: "Y" } },
    });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(elsewhere.errors?.[0]?.message).toBe("input.unitId: no such record");
    expect(await counts()).toEqual(before);
  });

  it("rejects a response without a basis as a GraphQL error, writing nothing", async () => {
    const problem = await createProblem({ title: "Abandoned cars on Oak" });
    const before = await counts();
    const response = await t.graphql(ADD_RESPONSE, {
      token: commander,
      variables: { input: { problemId: problem.id, description: "Tow sweep", kind: "ENFORCEMENT" } },
    });
    expect(response.errors?.[0]?.message).toMatch(/basis/);
    expect(response.data ?? null).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("adds responses with partners, counts prevention, and requires a basis for every change", async () => {
    const problem = await createProblem({ title: "Car break-ins near the library" });
    const library = await createStakeholder("Friends of the Library");
    const added = await t.graphql<{ addProblemResponse: { response: { id: string } } }>(ADD_RESPONSE, {
      token: commander,
      variables: {
        input: {
          problemId: problem.id,
          description: "Lock-it-or-lose-it flyers with the library friends",
          kind: "PREVENTION",
          basis: "COMMUNITY_INPUT_BASED",
          startedOn: "2026-10-01",
          partnerIds: [library],
        },
      },
    });
    expect(added.data).toMatchObject({
      addProblemResponse: {
        response: { kind: "PREVENTION", status: "PLANNED", version: 1, partners: [{ name: "Friends of the Library" }] },
      },
    });
    await t.graphql(ADD_RESPONSE, {
      token: commander,
      variables: {
        input: { problemId: problem.id, description: "Plain-clothes patrols", kind: "ENFORCEMENT", basis: "RESULT_BASED" },
      },
    });
    const counted = await t.graphql<{ node: Problem }>(
      `query ($id: ID!) { node(id: $id) { ... on Problem { responseCount preventionResponseCount } } }`,
      {
        token: commander,
        variables: { id: problem.id },
      },
    );
    expect(counted.data!.node).toEqual({ responseCount: 2, preventionResponseCount: 1 });

    const responseId = added.data!.addProblemResponse.response.id;
    const withoutBasis = await t.graphql(UPDATE_RESPONSE, {
      token: commander,
      variables: { input: { id: responseId, expectedVersion: 1, status: "ACTIVE" } },
    });
    expect(withoutBasis.errors?.[0]?.message).toMatch(/basis/);
    const modified = await t.graphql(UPDATE_RESPONSE, {
      token: commander,
      variables: { input: { id: responseId, expectedVersion: 1, status: "ACTIVE", basis: "RESULT_BASED" } },
    });
    expect(modified.data).toMatchObject({
      updateProblemResponse: { response: { status: "ACTIVE", basis: "RESULT_BASED", version: 2 } },
    });
    const backwards = await t.graphql(UPDATE_RESPONSE, {
      token: commander,
      variables: { input: { id: responseId, expectedVersion: 2, endedOn: "2026-09-01", basis: "RESULT_BASED" } },
    });
    expect(backwards.errors?.[0]?.message).toBe("input.endedOn: must not be before startedOn");
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "problem-response.update" } });
    expect(audit).toMatchObject({ entityType: "ProblemResponse", after: { basis: "RESULT_BASED" } });
  });

  it("answers partners from another agency like missing ones, naming the field, and keeps the partners", async () => {
    const problem = await createProblem({ title: "Bike thefts at the station" });
    const ours = await createStakeholder("Eastside Cyclists");
    const theirs = await createStakeholder("Lakeview Bike Co-op", "lakeview");
    const added = await t.graphql<{ addProblemResponse: { response: { id: string } } }>(ADD_RESPONSE, {
      token: commander,
      variables: {
        input: {
          problemId: problem.id,
          description: "Bike registration",
          kind: "PARTNERSHIP",
          basis: "COMMUNITY_INPUT_BASED",
          partnerIds: [ours],
        },
      },
    });
    const responseId = added.data!.addProblemResponse.response.id;
    const before = await counts();
    const refused = await t.graphql(SET_PARTNERS, {
      token: commander,
      variables: { input: { responseId, stakeholderIds: [ours, theirs] } },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(refused.errors?.[0]?.message).toBe("input.stakeholderIds.1: no such record");
    const onAdd = await t.graphql(ADD_RESPONSE, {
      token: commander,
      variables: {
        input: { problemId: problem.id, description: "X", kind: "OTHER", basis: "RESULT_BASED", partnerIds: [theirs] },
      },
    });
    expect(onAdd.errors?.[0]?.message).toBe("input.partnerIds.0: no such record");
    expect(await counts()).toEqual(before);

    const cleared = await t.graphql(SET_PARTNERS, { token: commander, variables: { input: { responseId, stakeholderIds: [] } } });
    expect(cleared.data).toMatchObject({ setResponsePartners: { response: { partners: [] } } });
    expect(await t.database.prisma.auditEvent.count({ where: { action: "problem-response.set-partners" } })).toBe(1);
  });

  it("filters problems by status, plan and priority, with totalCount", async () => {
    const priority = await t.database.prisma.priority.create({
      data: {
        agencyId: (await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } })).id,
        unitId: (await t.database.prisma.orgUnit.findFirstOrThrow({ where: { name: "Valley Station" } })).id,
        title: "Safe streets",
        rank: 99,
      },
    });
    const priorityId = encodeGlobalID("Priority", priority.id);
    await createProblem({ unitId: units.get("Valley Station"), title: "Speeding near Valley High", priorityId }, chief);
    const byPriority = await t.graphql<{ problems: { totalCount: number; edges: { node: { title: string } }[] } }>(
      `query ($priorityId: ID!) { problems(filter: { priorityId: $priorityId }) { totalCount edges { node { title } } } }`,
      { token: commander, variables: { priorityId } },
    );
    expect(byPriority.data!.problems).toEqual({ totalCount: 1, edges: [{ node: { title: "Speeding near Valley High" } }] });
    const closed = await t.graphql<{ problems: { totalCount: number; edges: { node: { status: string } }[] } }>(
      `{ problems(filter: { status: CLOSED }) { totalCount edges { node { status } } } }`,
      { token: commander },
    );
    expect(closed.data!.problems.totalCount).toBeGreaterThan(0);
    expect(new Set(closed.data!.problems.edges.map((edge) => edge.node.status))).toEqual(new Set(["CLOSED"]));
    const valleyPlan = await t.database.prisma.plan.findFirstOrThrow({ where: { unit: { name: "Valley Station" } } });
    const byPlan = await t.graphql<{ problems: { totalCount: number } }>(
      `query ($planId: ID!) { problems(filter: { planId: $planId }) { totalCount } }`,
      { token: commander, variables: { planId: encodeGlobalID("Plan", valleyPlan.id) } },
    );
    expect(byPlan.data!.problems.totalCount).toBe(await t.database.prisma.problem.count({ where: { planId: valleyPlan.id } }));
    const lakeview = await t.graphql<{ problems: { totalCount: number } }>("{ problems { totalCount } }", {
      token: await t.tokenFor("lakeview", "CHIEF"),
    });
    expect(lakeview.data!.problems.totalCount).toBe(1);
  });
});
