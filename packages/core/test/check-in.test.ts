import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHECK_IN = `mutation ($input: CheckInToActivityInput!) { checkInToActivity(input: $input) { attendance checkedInAt } }`;
const MEMBER_CHECK_IN = `mutation ($input: CheckInToActivityInput!) { checkInToActivity(input: $input) { attendance activity { title checkInCount } } }`;
const SET_CODE = `mutation ($id: ID!) { setActivityCheckInCode(input: { activityId: $id }) { code activity { checkInCode } } }`;

describe("meeting check-in", () => {
  let t: TestApp;
  let coordinator: string;
  let member: string;
  let activityId: string;
  let lakeviewActivityId: string;

  const checkIns = () => t.database.prisma.activityCheckIn.count();

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    member = await t.tokenFor("metro", "MEMBER");
    const first = async (token: string) =>
      (
        await t.graphql<{ activities: { edges: { node: { id: string } }[] } }>(
          "{ activities(first: 1) { edges { node { id } } } }",
          {
            token,
          },
        )
      ).data!.activities.edges[0]!.node.id;
    activityId = await first(coordinator);
    lakeviewActivityId = await first(await t.tokenFor("lakeview", "CHIEF"));
  });
  afterAll(() => t.close());

  it("gives staff a short random code, shows it to staff only, and keeps it out of the audit trail", async () => {
    const set = await t.graphql<{ setActivityCheckInCode: { code: string; activity: { checkInCode: string } } }>(SET_CODE, {
      token: coordinator,
      variables: { id: activityId },
    });
    expect(set.errors).toBeUndefined();
    const code = set.data!.setActivityCheckInCode.code;
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(set.data!.setActivityCheckInCode.activity.checkInCode).toBe(code);

    const again = await t.graphql<{ setActivityCheckInCode: { code: string } }>(SET_CODE, {
      token: coordinator,
      variables: { id: activityId },
    });
    expect(again.data!.setActivityCheckInCode.code).not.toBe(code);

    const audit = await t.database.prisma.auditEvent.findMany({ where: { action: "activity.set-check-in-code" } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(code);

    const asMember = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Activity { checkInCode } } }`, {
      token: member,
      variables: { id: activityId },
    });
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const refused = await t.graphql(SET_CODE, { token: member, variables: { id: activityId } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("checks a member in as that member, once", async () => {
    const before = await checkIns();
    const response = await t.graphql<{ checkInToActivity: { attendance: number; activity: { checkInCount: number } } }>(
      MEMBER_CHECK_IN,
      { token: member, variables: { input: { activityId } } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.checkInToActivity.attendance).toBe(before + 1);
    expect(response.data!.checkInToActivity.activity.checkInCount).toBe(before + 1);
    const row = await t.database.prisma.activityCheckIn.findFirst({ orderBy: { checkedInAt: "desc" } });
    const memberRow = await t.database.prisma.member.findFirst({ where: { email: "member@metro.example" } });
    expect(row?.memberId).toBe(memberRow?.id);

    const twice = await t.graphql(MEMBER_CHECK_IN, { token: member, variables: { input: { activityId } } });
    expect(twice.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await checkIns()).toBe(before + 1);
  });

  it("checks in the public with the activity's code (any case), keeping the attendee's name out of the audit trail", async () => {
    const code = (
      await t.graphql<{ setActivityCheckInCode: { code: string } }>(SET_CODE, {
        token: coordinator,
        variables: { id: activityId },
      })
    ).data!.setActivityCheckInCode.code;
    const before = await checkIns();
    const response = await t.graphql<{ checkInToActivity: { attendance: number } }>(CHECK_IN, {
      variables: { input: { activityId, agencySlug: "metro", code: code.toLowerCase(), attendeeName: "Rosa Parks" } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.checkInToActivity.attendance).toBe(before + 1);
    const row = await t.database.prisma.activityCheckIn.findFirst({ orderBy: { checkedInAt: "desc" } });
    expect(row).toMatchObject({ memberId: null, attendeeName: "Rosa Parks" });
    const audit = await t.database.prisma.auditEvent.findFirst({
      where: { action: "activity-check-in.create", actorMemberId: null },
    });
    expect(audit).toMatchObject({ entityType: "Activity", outcome: "SUCCESS" });
    expect(JSON.stringify(audit)).not.toContain("Rosa");

    // The public may not read the activity itself.
    const withActivity = await t.graphql(MEMBER_CHECK_IN, {
      variables: { input: { activityId, agencySlug: "metro", code } },
    });
    expect(withActivity.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a wrong code, an unknown agency and another agency's activity alike, writing nothing", async () => {
    const before = await checkIns();
    const code = (
      await t.graphql<{ setActivityCheckInCode: { code: string } }>(SET_CODE, {
        token: coordinator,
        variables: { id: activityId },
      })
    ).data!.setActivityCheckInCode.code;
    const attempts = [
      { activityId, agencySlug: "metro", code: "WRONG234" },
      { activityId, agencySlug: "nowhere", code },
      { activityId, agencySlug: "lakeview", code },
      { activityId: lakeviewActivityId, agencySlug: "metro", code },
    ];
    const messages = new Set<string>();
    for (const input of attempts) {
      const response = await t.graphql(CHECK_IN, { variables: { input } });
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      messages.add(response.errors![0]!.message);
    }
    expect([...messages]).toEqual(["input.code: the check-in code does not match this activity"]);

    const missing = await t.graphql(CHECK_IN, { variables: { input: { activityId } } });
    expect(missing.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(missing.errors?.[0]?.message).toContain("input.code");

    // A member of metro cannot check in at lakeview's activity: it reads as missing.
    const foreign = await t.graphql(MEMBER_CHECK_IN, { token: member, variables: { input: { activityId: lakeviewActivityId } } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await checkIns()).toBe(before);
  });
});
