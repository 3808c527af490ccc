import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CREATE = `mutation ($input: CreatePriorityInput!) {
  createPriority(input: $input) { priority { id title rank status version feedbackCount unit { name } feedback(first: 10) { totalCount edges { node { id text channel } } } } }
}`;
const UPDATE = `mutation ($input: UpdatePriorityInput!) { updatePriority(input: $input) { priority { id title status rank version } } }`;
const REORDER = `mutation ($input: ReorderPrioritiesInput!) { reorderPriorities(input: $input) { priorities { id title rank } } }`;
const LINK = `mutation ($input: PriorityFeedbackInput!) { linkFeedbackToPriority(input: $input) { priority { feedbackCount } } }`;
const LIST = `query ($unitId: ID!, $includeRetired: Boolean) {
  priorities(unitId: $unitId, includeRetired: $includeRetired) { totalCount edges { node { id title rank status } } }
}`;

interface Ranked {
  id: string;
  title: string;
  rank: number;
  status: string;
}

describe("priorities", () => {
  let t: TestApp;
  let commander: string;
  let units: Map<string, string>;
  let metroFeedback: string[];
  let lakeviewFeedback: string[];

  const priorityCount = () => t.database.prisma.priority.count();
  const ranked = async (unit: string, includeRetired = false) =>
    (
      await t.graphql<{ priorities: { totalCount: number; edges: { node: Ranked }[] } }>(LIST, {
        token: commander,
        variables: { unitId: units.get(unit), includeRetired },
      })
    ).data!.priorities;
  const ids = (page: { edges: { node: Ranked }[] }) => page.edges.map((edge) => edge.node.id);

  beforeAll(async () => {
    t = await createTestApp();
    commander = await t.tokenFor("metro", "UNIT_COMMANDER");
    const read = await t.graphql<{
      agency: { orgUnits: { edges: { node: { id: string; name: string } }[] } };
      feedback: { edges: { node: { id: string } }[] };
    }>("{ agency { orgUnits(first: 50) { edges { node { id name } } } } feedback(first: 3) { edges { node { id } } } }", {
      token: commander,
    });
    units = new Map(read.data!.agency.orgUnits.edges.map((edge) => [edge.node.name, edge.node.id]));
    metroFeedback = read.data!.feedback.edges.map((edge) => edge.node.id);
    const lakeview = await t.graphql<{ feedback: { edges: { node: { id: string } }[] } }>(
      "{ feedback(first: 1) { edges { node { id } } } }",
      {
        token: await t.tokenFor("lakeview", "CHIEF"),
      },
    );
    lakeviewFeedback = lakeview.data!.feedback.edges.map((edge) => edge.node.id);
  });
  afterAll(() => t.close());

  it("shows Eastside Station's demo priorities in rank order, each backed by feedback", async () => {
    const unit = await t.graphql<{ node: { priorities: { title: string; rank: number; feedbackCount: number }[] } }>(
      `query ($id: ID!) { node(id: $id) { ... on OrgUnit { priorities { title rank feedbackCount } } } }`,
      { token: await t.tokenFor("metro", "MEMBER"), variables: { id: units.get("Eastside Station") } },
    );
    const priorities = unit.data!.node.priorities;
    expect(priorities.map((priority) => priority.rank)).toEqual([1, 2, 3]);
    expect(priorities[0]!.title).toBe("Vehicle break-ins at the transit center park-and-ride");
    expect(priorities.every((priority) => priority.feedbackCount > 0)).toBe(true);
  });

  it("lets the station's commander add a priority backed by feedback, ranked last, and audits it", async () => {
    const response = await t.graphql(CREATE, {
      token: commander,
      variables: {
        input: {
          unitId: units.get("Eastside Station"),
          title: "Graffiti on Main Street",
          feedbackIds: metroFeedback.slice(0, 2),
        },
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      createPriority: {
        priority: {
          title: "Graffiti on Main Street",
          rank: 4,
          status: "ACTIVE",
          version: 1,
          feedbackCount: 2,
          unit: { name: "Eastside Station" },
          feedback: { totalCount: 2 },
        },
      },
    });
    const backing = (response.data as { createPriority: { priority: { feedback: { edges: { node: { text: string } }[] } } } })
      .createPriority.priority.feedback.edges;
    expect(backing.map((edge) => edge.node.text)).toEqual([expect.any(String), expect.any(String)]);
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "priority.create" } });
    expect(audit).toMatchObject({ entityType: "Priority", outcome: "SUCCESS" });
  });

  it("refuses a commander of another station, a member and the coordinator with FORBIDDEN, writing nothing", async () => {
    const before = await priorityCount();
    const input = { unitId: units.get("Eastside Station"), title: "Not my station" };
    const harbor = await t.tokenFor("metro", "UNIT_COMMANDER", { email: "marcus.reyes@metro.example" });
    for (const token of [harbor, await t.tokenFor("metro", "MEMBER"), await t.tokenFor("metro", "COORDINATOR")]) {
      const response = await t.graphql(CREATE, { token, variables: { input } });
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const own = await t.graphql(CREATE, {
      token: harbor,
      variables: { input: { unitId: units.get("Harbor Station"), title: "Marina" } },
    });
    expect(own.data).toMatchObject({ createPriority: { priority: { rank: 1, unit: { name: "Harbor Station" } } } });
    expect(await priorityCount()).toBe(before + 1);
  });

  it("answers another agency's feedback like missing feedback, naming the entry, writing nothing", async () => {
    const before = await priorityCount();
    const response = await t.graphql(CREATE, {
      token: commander,
      variables: {
        input: { unitId: units.get("Eastside Station"), title: "Borrowed", feedbackIds: [metroFeedback[0], lakeviewFeedback[0]] },
      },
    });
    expect(response.errors?.[0]).toMatchObject({
      message: "input.feedbackIds.1: no such record",
      extensions: { code: "NOT_FOUND" },
    });
    const wrongType = await t.graphql(CREATE, {
      token: commander,
      variables: { input: { unitId: units.get("Eastside Station"), title: "Wrong", feedbackIds: [units.get("Harbor Station")] } },
    });
    expect(wrongType.errors?.[0]?.message).toBe("input.feedbackIds.0: must be the ID of a Feedback");
    expect(await priorityCount()).toBe(before);
    const [first] = ids(await ranked("Eastside Station"));
    const link = await t.graphql(LINK, {
      token: commander,
      variables: { input: { priorityId: first, feedbackIds: lakeviewFeedback } },
    });
    expect(link.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("links more feedback to a priority once, however often it is sent", async () => {
    const [, second] = ids(await ranked("Eastside Station"));
    const linked = await t.graphql<{ linkFeedbackToPriority: { priority: { feedbackCount: number } } }>(LINK, {
      token: commander,
      variables: { input: { priorityId: second, feedbackIds: metroFeedback } },
    });
    const again = await t.graphql<{ linkFeedbackToPriority: { priority: { feedbackCount: number } } }>(LINK, {
      token: commander,
      variables: { input: { priorityId: second, feedbackIds: metroFeedback } },
    });
    expect(again.data!.linkFeedbackToPriority.priority.feedbackCount).toBe(
      linked.data!.linkFeedbackToPriority.priority.feedbackCount,
    );
    expect(await t.database.prisma.auditEvent.count({ where: { action: "priority.link-feedback" } })).toBe(2);
  });

  it("reorders a unit's priorities 1..n and refuses a list that misses, repeats or strays", async () => {
    const current = ids(await ranked("Eastside Station"));
    const reversed = [...current].reverse();
    const response = await t.graphql<{ reorderPriorities: { priorities: Ranked[] } }>(REORDER, {
      token: commander,
      variables: { input: { unitId: units.get("Eastside Station"), priorityIds: reversed } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.reorderPriorities.priorities.map((priority) => [priority.id, priority.rank])).toEqual(
      reversed.map((id, index) => [id, index + 1]),
    );
    const harborPriority = ids(await ranked("Harbor Station"))[0];
    const bad = await t.graphql(REORDER, {
      token: commander,
      variables: { input: { unitId: units.get("Eastside Station"), priorityIds: [reversed[0], reversed[0], harborPriority] } },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toMatch(/input\.priorityIds\.1: is listed twice/);
    expect(bad.errors?.[0]?.message).toMatch(/input\.priorityIds\.2: is not an ACTIVE priority of this unit/);
    expect(bad.errors?.[0]?.message).toMatch(/input\.priorityIds: must list every ACTIVE priority of the unit; missing "/);
    expect(ids(await ranked("Eastside Station"))).toEqual(reversed);
    const harbor = await t.tokenFor("metro", "UNIT_COMMANDER", { email: "marcus.reyes@metro.example" });
    const forbidden = await t.graphql(REORDER, {
      token: harbor,
      variables: { input: { unitId: units.get("Eastside Station"), priorityIds: current } },
    });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(ids(await ranked("Eastside Station"))).toEqual(reversed);
    expect(await t.database.prisma.auditEvent.count({ where: { action: "priority.reorder" } })).toBe(1);
  });

  it("refuses a stale update with CONFLICT, and closes the ranking up when a priority retires", async () => {
    const before = (await ranked("Eastside Station")).edges.map((edge) => edge.node);
    const top = before[0]!;
    const renamed = await t.graphql(UPDATE, {
      token: await t.tokenFor("metro", "CHIEF"),
      variables: { input: { id: top.id, expectedVersion: 1, title: "Renamed by the Sheriff" } },
    });
    expect(renamed.data).toMatchObject({ updatePriority: { priority: { title: "Renamed by the Sheriff", version: 2 } } });
    const stale = await t.graphql(UPDATE, {
      token: commander,
      variables: { input: { id: top.id, expectedVersion: 1, status: "RETIRED" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect((await t.database.prisma.priority.findUniqueOrThrow({ where: { id: decode(top.id) } })).status).toBe("ACTIVE");
    const retired = await t.graphql(UPDATE, {
      token: commander,
      variables: { input: { id: top.id, expectedVersion: 2, status: "RETIRED" } },
    });
    expect(retired.data).toMatchObject({ updatePriority: { priority: { status: "RETIRED", version: 3 } } });
    const after = await ranked("Eastside Station");
    expect(after.edges.map((edge) => [edge.node.id, edge.node.rank])).toEqual(
      before.slice(1).map((node, index) => [node.id, index + 1]),
    );
    expect(after.totalCount).toBe(before.length - 1);
    const all = await ranked("Eastside Station", true);
    expect(all.totalCount).toBe(before.length);
    expect(all.edges.at(-1)!.node).toMatchObject({ id: top.id, status: "RETIRED" });
  });

  it("answers another agency's unit like a missing one", async () => {
    const unitId = await t.unitId("lakeview");
    const response = await t.graphql(LIST, { token: commander, variables: { unitId } });
    expect(response.errors?.[0]).toMatchObject({ message: "unitId: no such record", extensions: { code: "NOT_FOUND" } });
    const create = await t.graphql(CREATE, {
      token: await t.tokenFor("metro", "CHIEF"),
      variables: { input: { unitId, title: "X" } },
    });
    expect(create.errors?.[0]).toMatchObject({ message: "input.unitId: no such record", extensions: { code: "NOT_FOUND" } });
  });
});

function decode(globalId: string): string {
  return Buffer.from(globalId, "base64").toString().split(":")[1]!;
}
