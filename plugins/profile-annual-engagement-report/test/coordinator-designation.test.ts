import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Brookfield, createBrookfield, globalId } from "../src/testing/brookfield.ts";

const DESIGNATE = `mutation ($input: DesignateCoordinatorInput!) {
  designateCoordinator(input: $input) { designation { member { name } startsOn endsOn note designatedBy { name } } }
}`;
const COORDINATOR = `{ engagementCoordinator { current { member { name } startsOn } history { member { name } startsOn endsOn } } }`;

describe("designating the community engagement coordinator (CE-05)", () => {
  let town: Brookfield;
  const designations = () => town.prisma.coordinatorDesignation.count();
  const audits = (action: string) => town.prisma.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });

  beforeAll(async () => {
    town = await createBrookfield();
  });
  afterAll(() => town.close());

  it("is the Chief's alone: the coordinator is refused and nothing is written", async () => {
    const response = await town.t.graphql(DESIGNATE, {
      token: town.coordinatorToken,
      variables: { input: { memberId: globalId("Member", town.coordinator), startsOn: "2025-01-01" } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await designations()).toBe(0);
  });

  it("lets the Chief designate a civilian employee, dated and audited without the note", async () => {
    const response = await town.t.graphql(DESIGNATE, {
      token: town.chiefToken,
      variables: {
        input: { memberId: globalId("Member", town.analyst), startsOn: "2025-01-01", note: "Until Officer Cole returns" },
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      designateCoordinator: {
        designation: {
          member: { name: "Ana Lyst" },
          startsOn: "2025-01-01",
          endsOn: null,
          note: "Until Officer Cole returns",
          designatedBy: { name: "Chief Brook" },
        },
      },
    });
    const [audit, ...rest] = await audits("coordinator-designation.create");
    expect(rest).toEqual([]);
    expect(audit).toMatchObject({ entityType: "CoordinatorDesignation", outcome: "SUCCESS", actorMemberId: town.chief });
    expect(audit?.after).toEqual({ memberId: town.analyst, startsOn: "2025-01-01" });
    expect(JSON.stringify(audit)).not.toMatch(/Officer Cole returns/);
  });

  it("ends the previous designation the day before the next one starts, and shows both", async () => {
    const response = await town.t.graphql(DESIGNATE, {
      token: town.chiefToken,
      variables: { input: { memberId: globalId("Member", town.coordinator), startsOn: "2025-07-01" } },
    });
    expect(response.errors).toBeUndefined();
    const view = await town.t.graphql(COORDINATOR, { token: town.coordinatorToken });
    expect(view.data).toEqual({
      engagementCoordinator: {
        current: { member: { name: "Officer Cole" }, startsOn: "2025-07-01" },
        history: [
          { member: { name: "Officer Cole" }, startsOn: "2025-07-01", endsOn: null },
          { member: { name: "Ana Lyst" }, startsOn: "2025-01-01", endsOn: "2025-06-30" },
        ],
      },
    });
    const [ended] = await audits("coordinator-designation.end");
    expect(ended?.after).toMatchObject({ endsOn: "2025-06-30" });
  });

  it("refuses a start not after the latest designation, and the current coordinator again, writing nothing", async () => {
    const before = await designations();
    const early = await town.t.graphql(DESIGNATE, {
      token: town.chiefToken,
      variables: { input: { memberId: globalId("Member", town.analyst), startsOn: "2025-07-01" } },
    });
    expect(early.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(early.errors?.[0]?.message).toBe("input.startsOn: must be after 2025-07-01, when the latest designation starts");
    const again = await town.t.graphql(DESIGNATE, {
      token: town.chiefToken,
      variables: { input: { memberId: globalId("Member", town.coordinator), startsOn: "2025-09-01" } },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await designations()).toBe(before);
  });

  it("answers a member of another agency like a missing one, and refuses a malformed ID by name", async () => {
    const other = await town.prisma.agency.create({
      data: { slug: "elsewhere", name: "Elsewhere PD", kind: "POLICE_DEPARTMENT" },
    });
    const stranger = await town.prisma.member.create({
      data: { agencyId: other.id, email: "x@elsewhere.example", name: "Stranger", roles: ["MEMBER"] },
    });
    const before = await designations();
    const foreign = await town.t.graphql(DESIGNATE, {
      token: town.chiefToken,
      variables: { input: { memberId: globalId("Member", stranger.id), startsOn: "2026-01-01" } },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(foreign.errors?.[0]?.message).toBe("input.memberId: no such record");
    const malformed = await town.t.graphql(DESIGNATE, {
      token: town.chiefToken,
      variables: { input: { memberId: "not-an-id", startsOn: "2026-01-01" } },
    });
    expect(malformed.errors?.[0]?.message).toBe("input.memberId: must be the ID of a Member");
    expect(await designations()).toBe(before);
  });

  it("ends the open designation on a given day, and refuses to end one that is not open", async () => {
    const END = `mutation ($endsOn: Date!) { endCoordinatorDesignation(input: { endsOn: $endsOn }) { engagementCoordinator { history { endsOn } } } }`;
    const tooEarly = await town.t.graphql(END, { token: town.chiefToken, variables: { endsOn: "2025-06-01" } });
    expect(tooEarly.errors?.[0]?.message).toBe("input.endsOn: must not be before 2025-07-01, when it starts");
    const ended = await town.t.graphql(END, { token: town.chiefToken, variables: { endsOn: "2025-12-31" } });
    expect(ended.errors).toBeUndefined();
    const again = await town.t.graphql(END, { token: town.chiefToken, variables: { endsOn: "2026-01-31" } });
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await audits("coordinator-designation.end")).length).toBe(2);
  });
});
