import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CREATE = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { stakeholder { id name kind version languages area { name } } } }`;
const UPDATE = `mutation ($input: UpdateStakeholderInput!) { updateStakeholder(input: $input) { stakeholder { id name version outreachStatus } } }`;

describe("stakeholders", () => {
  let t: TestApp;
  let coordinator: string;
  let eastsideId: string;
  let lakeviewUnitId: string;

  const stakeholderCount = () => t.database.prisma.stakeholder.count();

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    eastsideId = await t.unitId("metro", "Eastside Station");
    lakeviewUnitId = await t.unitId("lakeview");
  });
  afterAll(() => t.close());

  it("lets the coordinator record a mosque in a station's area, and audits it", async () => {
    const response = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { name: "Masjid Al-Noor", kind: "MOSQUE", languages: ["ar", "en"], areaId: eastsideId } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      createStakeholder: {
        stakeholder: {
          name: "Masjid Al-Noor",
          kind: "MOSQUE",
          version: 1,
          languages: ["ar", "en"],
          area: { name: "Eastside Station" },
        },
      },
    });
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "stakeholder.create" } });
    expect(audit).toMatchObject({ entityType: "Stakeholder", outcome: "SUCCESS" });
  });

  it("names every bad field and writes nothing", async () => {
    const before = await stakeholderCount();
    const response = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { name: "   ", kind: "CHURCH", languages: ["not a language"] } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/name: must not be empty/);
    expect(response.errors?.[0]?.message).toMatch(/languages\.0: must be a language tag/);
    expect(await stakeholderCount()).toBe(before);
  });

  it("rejects an unknown kind as a GraphQL validation error", async () => {
    const before = await stakeholderCount();
    const response = await t.graphql(CREATE, { token: coordinator, variables: { input: { name: "X", kind: "CASINO" } } });
    expect(response.errors?.[0]?.message).toMatch(/StakeholderKind/);
    expect(response.data ?? null).toBeNull();
    expect(await stakeholderCount()).toBe(before);
  });

  it("answers another agency's unit like a missing one, naming the field", async () => {
    const before = await stakeholderCount();
    const response = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { name: "Elsewhere", kind: "SCHOOL", areaId: lakeviewUnitId } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(response.errors?.[0]?.message).toBe("input.areaId: no such record");
    expect(await stakeholderCount()).toBe(before);
  });

  it("refuses a plain member (FORBIDDEN) and the public (UNAUTHENTICATED)", async () => {
    const input = { name: "Nope", kind: "BUSINESS" };
    const asMember = await t.graphql(CREATE, { token: await t.tokenFor("metro", "MEMBER"), variables: { input } });
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asPublic = await t.graphql(CREATE, { variables: { input } });
    expect(asPublic.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await t.graphql("{ stakeholders { totalCount } }")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a stale update with CONFLICT naming the current version, overwriting nothing", async () => {
    const created = await t.graphql<{ createStakeholder: { stakeholder: { id: string } } }>(CREATE, {
      token: coordinator,
      variables: { input: { name: "Harbor Chamber of Commerce", kind: "CHAMBER_OF_COMMERCE" } },
    });
    const id = created.data!.createStakeholder.stakeholder.id;
    const first = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id, expectedVersion: 1, outreachStatus: "HARD_TO_REACH" } },
    });
    expect(first.data).toMatchObject({ updateStakeholder: { stakeholder: { version: 2, outreachStatus: "HARD_TO_REACH" } } });
    const stale = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id, expectedVersion: 1, name: "Overwritten" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    const row = await t.database.prisma.stakeholder.findFirstOrThrow({ where: { name: "Harbor Chamber of Commerce" } });
    expect(row.version).toBe(2);
  });

  it("lists with filters, ordering and totalCount", async () => {
    for (const [name, kind, status] of [
      ["First Baptist", "CHURCH", "ENGAGED"],
      ["Temple Beth El", "SYNAGOGUE", "DISTRUSTFUL"],
      ["Valley Youth League", "YOUTH_GROUP", "DISTRUSTFUL"],
    ] as const) {
      const made = await t.graphql<{ createStakeholder: { stakeholder: { id: string } } }>(CREATE, {
        token: coordinator,
        variables: { input: { name, kind } },
      });
      if (status !== "ENGAGED") {
        await t.graphql(UPDATE, {
          token: coordinator,
          variables: { input: { id: made.data!.createStakeholder.stakeholder.id, expectedVersion: 1, outreachStatus: status } },
        });
      }
    }
    const metro = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
    const distrustful = await t.graphql<{ stakeholders: { totalCount: number; edges: { node: { name: string } }[] } }>(
      `{ stakeholders(first: 100, filter: { outreachStatuses: [DISTRUSTFUL] }) { totalCount edges { node { name } } } }`,
      { token: await t.tokenFor("metro", "MEMBER") },
    );
    const names = distrustful.data!.stakeholders.edges.map((edge) => edge.node.name);
    expect(names).toEqual(expect.arrayContaining(["Temple Beth El", "Valley Youth League"]));
    expect(names).not.toContain("First Baptist");
    expect(names).toEqual([...names].sort());
    expect(distrustful.data!.stakeholders.totalCount).toBe(
      await t.database.prisma.stakeholder.count({
        where: { agencyId: metro.id, outreachStatus: "DISTRUSTFUL", archivedAt: null },
      }),
    );
    const search = await t.graphql<{ stakeholders: { totalCount: number } }>(
      `{ stakeholders(filter: { search: "temple beth" }) { totalCount } }`,
      { token: coordinator },
    );
    expect(search.data!.stakeholders.totalCount).toBe(1);
    const lakeview = await t.graphql<{ stakeholders: { edges: { node: { name: string } }[] } }>(
      `{ stakeholders(first: 100) { edges { node { name } } } }`,
      {
        token: await t.tokenFor("lakeview", "CHIEF"),
      },
    );
    const lakeviewNames = lakeview.data!.stakeholders.edges.map((edge) => edge.node.name);
    expect(lakeviewNames).not.toEqual(expect.arrayContaining(["Temple Beth El"]));
    expect(lakeviewNames).not.toContain("Masjid Al-Noor");
  });

  it("keeps contacts for agency staff and out of the audit trail", async () => {
    const created = await t.graphql<{ createStakeholder: { stakeholder: { id: string } } }>(CREATE, {
      token: coordinator,
      variables: { input: { name: "Neighbors United", kind: "NEIGHBORHOOD_ASSOCIATION" } },
    });
    const stakeholderId = created.data!.createStakeholder.stakeholder.id;
    const added = await t.graphql(
      `mutation ($input: StakeholderContactInput!) { addStakeholderContact(input: $input) { stakeholder { contacts { name email } } } }`,
      {
        token: coordinator,
        variables: { input: { stakeholderId, name: "Rosa Diaz", email: "rosa@example.org", preferredLanguage: "es" } },
      },
    );
    expect(added.data).toEqual({
      addStakeholderContact: { stakeholder: { contacts: [{ name: "Rosa Diaz", email: "rosa@example.org" }] } },
    });
    const audits = await t.database.prisma.auditEvent.findMany({ where: { entityType: "StakeholderContact" } });
    expect(JSON.stringify(audits)).not.toMatch(/rosa/i);
    const badEmail = await t.graphql(
      `mutation ($input: StakeholderContactInput!) { addStakeholderContact(input: $input) { stakeholder { id } } }`,
      {
        token: coordinator,
        variables: { input: { stakeholderId, name: "X", email: "not-an-email" } },
      },
    );
    expect(badEmail.errors?.[0]?.message).toMatch(/email: must be an email address/);
  });
});
