import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const LOG = `mutation ($input: LogActivityInput!) {
  logActivity(input: $input) {
    activity {
      id kind title version attendanceCount unit { name } strategy { title }
      stakeholders { name } participants { email }
      languageRequests { language provided volunteerName interpreter { email } }
    }
  }
}`;
const UPDATE = `mutation ($input: UpdateActivityInput!) { updateActivity(input: $input) { activity { id title version attendanceCount } } }`;
const SET_LANGUAGES = `mutation ($input: SetActivityLanguageRequestsInput!) {
  setActivityLanguageRequests(input: $input) { activity { version languageRequests { language provided } } }
}`;
const LIST = `query ($filter: ActivityFilter, $orderBy: ActivityOrder) {
  activities(first: 50, filter: $filter, orderBy: $orderBy) { totalCount edges { node { id title version } } }
}`;

type Edges<T> = { totalCount: number; edges: { node: T }[] };

describe("activities and language access", () => {
  let t: TestApp;
  let member: string;
  let coordinator: string;
  let memberId: string;
  const metro = {
    units: new Map<string, string>(),
    stakeholders: new Map<string, string>(),
    strategies: new Map<string, string>(),
  };
  const lakeview = { unitId: "", stakeholderId: "", strategyId: "", memberId: "" };

  const activityCount = () => t.database.prisma.activity.count();
  const list = async (token: string, filter: Record<string, unknown>, orderBy?: string) =>
    (
      await t.graphql<{ activities: Edges<{ id: string; title: string; version: number }> }>(LIST, {
        token,
        variables: { filter, orderBy },
      })
    ).data!.activities;
  const titles = (connection: Edges<{ title: string }>) => connection.edges.map((edge) => edge.node.title);
  const findActivity = async (title: string) =>
    (await list(coordinator, {})).edges.find((edge) => edge.node.title === title)!.node;

  /** Names to global IDs of what the demo gave an agency. */
  async function demoIds(token: string) {
    const response = await t.graphql<{
      viewer: { member: { id: string } };
      agency: { orgUnits: Edges<{ id: string; name: string }> };
      stakeholders: Edges<{ id: string; name: string }>;
      strategies: Edges<{ id: string; title: string }>;
    }>(
      `{ viewer { member { id } } agency { orgUnits(first: 50) { edges { node { id name } } } }
         stakeholders(first: 50) { edges { node { id name } } } strategies(first: 50) { edges { node { id title } } } }`,
      { token },
    );
    const data = response.data!;
    return {
      memberId: data.viewer.member.id,
      units: new Map(data.agency.orgUnits.edges.map(({ node }) => [node.name, node.id])),
      stakeholders: new Map(data.stakeholders.edges.map(({ node }) => [node.name, node.id])),
      strategies: new Map(data.strategies.edges.map(({ node }) => [node.title, node.id])),
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
    member = await t.tokenFor("metro", "MEMBER");
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    const own = await demoIds(member);
    memberId = own.memberId;
    Object.assign(metro, own);
    const other = await demoIds(await t.tokenFor("lakeview", "MEMBER"));
    lakeview.memberId = other.memberId;
    lakeview.unitId = other.units.get("Community Services Unit")!;
    lakeview.stakeholderId = other.stakeholders.get("Lakeview High School")!;
    lakeview.strategyId = other.strategies.get("Friday night youth basketball")!;
  });
  afterAll(() => t.close());

  it("finds the Valley town hall, where Armenian was requested and nobody interpreted", async () => {
    const unmet = await list(coordinator, { unmetLanguageRequests: true });
    expect(unmet.totalCount).toBe(1);
    expect(titles(unmet)).toEqual(["Valley Station town hall"]);
    const met = await list(coordinator, { unmetLanguageRequests: false, kinds: ["COMMUNITY_MEETING"] });
    expect(titles(met)).toEqual(["Eastside Station community meeting, February", "Harbor merchants safety meeting"]);
  });

  it("lets a member log an outreach with partners, participants and interpreters, in their own unit by default, and audits it", async () => {
    const response = await t.graphql(LOG, {
      token: member,
      variables: {
        input: {
          kind: "OUTREACH",
          title: "Coffee with the tenants' group",
          startsAt: "2026-03-20T17:00:00Z",
          endsAt: "2026-03-20T18:00:00Z",
          attendanceCount: 12,
          strategyId: metro.strategies.get("Tenant outreach on Eastside"),
          stakeholderIds: [metro.stakeholders.get("Eastside Tenants for Justice")],
          participantIds: [memberId],
          languageRequests: [
            { language: "ko", volunteerName: "Grace Park" },
            { language: "es", interpreterMemberId: memberId },
            { language: "hy" },
          ],
        },
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      logActivity: {
        activity: expect.objectContaining({
          kind: "OUTREACH",
          version: 1,
          attendanceCount: 12,
          unit: { name: "Eastside Station" },
          strategy: { title: "Tenant outreach on Eastside" },
          stakeholders: [{ name: "Eastside Tenants for Justice" }],
          participants: [{ email: "member@metro.example" }],
          languageRequests: [
            { language: "es", provided: true, volunteerName: null, interpreter: { email: "member@metro.example" } },
            { language: "hy", provided: false, volunteerName: null, interpreter: null },
            { language: "ko", provided: true, volunteerName: "Grace Park", interpreter: null },
          ],
        }),
      },
    });
    const audit = await t.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "activity.create" } });
    expect(audit).toMatchObject({
      entityType: "Activity",
      outcome: "SUCCESS",
      after: expect.objectContaining({ unmet: ["hy"] }),
    });
    expect(JSON.stringify(audit)).not.toMatch(/Grace Park/);
    const unmet = await list(coordinator, { unmetLanguageRequests: true });
    expect(titles(unmet)).toContain("Coffee with the tenants' group");
  });

  it("names every bad field at once (empty title, end before start, negative attendance, bad language tag) and writes nothing", async () => {
    const before = await activityCount();
    const response = await t.graphql(LOG, {
      token: member,
      variables: {
        input: {
          kind: "EVENT",
          title: " ",
          startsAt: "2026-03-20T18:00:00Z",
          endsAt: "2026-03-20T17:00:00Z",
          attendanceCount: -4,
          languageRequests: [{ language: "Spanish please" }],
        },
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const message = response.errors?.[0]?.message;
    expect(message).toMatch(/input\.title: must not be empty/);
    expect(message).toMatch(/input\.endsAt: must be after startsAt/);
    expect(message).toMatch(/input\.attendanceCount: must not be negative/);
    expect(message).toMatch(/input\.languageRequests\.0\.language: must be a language tag/);
    expect(await activityCount()).toBe(before);
  });

  it("refuses an unknown kind as a GraphQL validation error", async () => {
    const before = await activityCount();
    const response = await t.graphql(LOG, {
      token: member,
      variables: { input: { kind: "PARADE", title: "X", startsAt: "2026-03-01T00:00:00Z" } },
    });
    expect(response.errors?.[0]?.message).toMatch(/ActivityKind/);
    expect(await activityCount()).toBe(before);
  });

  it("refuses an interpreter who does not list the language, and a member and a volunteer for one language", async () => {
    const before = await activityCount();
    const base = { kind: "COMMUNITY_MEETING", title: "Harbor town hall", startsAt: "2026-04-02T02:00:00Z" };
    const notSpoken = await t.graphql(LOG, {
      token: member,
      variables: { input: { ...base, languageRequests: [{ language: "hy", interpreterMemberId: memberId }] } },
    });
    expect(notSpoken.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(notSpoken.errors?.[0]?.message).toBe(
      'input.languageRequests.0.interpreterMemberId: Riley Member does not list "hy" among their languages',
    );
    const both = await t.graphql(LOG, {
      token: member,
      variables: {
        input: { ...base, languageRequests: [{ language: "es", interpreterMemberId: memberId, volunteerName: "Ana" }] },
      },
    });
    expect(both.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(both.errors?.[0]?.message).toMatch(
      /input\.languageRequests\.0\.volunteerName: give an interpreter member or a volunteer name, not both/,
    );
    expect(await activityCount()).toBe(before);
  });

  it("answers another agency's stakeholder, unit, strategy and member like missing ones, naming the field", async () => {
    const before = await activityCount();
    const base = { kind: "EVENT", title: "Cross-agency", startsAt: "2026-04-02T02:00:00Z" };
    for (const [extra, field] of [
      [{ stakeholderIds: [metro.stakeholders.get("St. Brigid's Parish"), lakeview.stakeholderId] }, "input.stakeholderIds.1"],
      [{ unitId: lakeview.unitId }, "input.unitId"],
      [{ strategyId: lakeview.strategyId }, "input.strategyId"],
      [{ participantIds: [lakeview.memberId] }, "input.participantIds.0"],
      [
        { languageRequests: [{ language: "es", interpreterMemberId: lakeview.memberId }] },
        "input.languageRequests.0.interpreterMemberId",
      ],
    ] as const) {
      const response = await t.graphql(LOG, { token: member, variables: { input: { ...base, ...extra } } });
      expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(response.errors?.[0]?.message).toBe(`${field}: no such record`);
    }
    const wrongType = await t.graphql(LOG, {
      token: member,
      variables: { input: { ...base, stakeholderIds: [lakeview.unitId] } },
    });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(wrongType.errors?.[0]?.message).toBe("input.stakeholderIds.0: must be the ID of a Stakeholder");
    expect(await activityCount()).toBe(before);
  });

  it("lets a member correct their unit's activity, refuses a stale update with CONFLICT, and keeps other units' activities to editors", async () => {
    const youth = await findActivity("Youth mentoring: study hall and basketball");
    const first = await t.graphql(UPDATE, {
      token: member,
      variables: { input: { id: youth.id, expectedVersion: 1, attendanceCount: 21 } },
    });
    expect(first.data).toMatchObject({ updateActivity: { activity: { version: 2, attendanceCount: 21 } } });
    const stale = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id: youth.id, expectedVersion: 1, title: "Overwritten" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect(await t.database.prisma.activity.findFirst({ where: { title: "Overwritten" } })).toBeNull();

    const harbor = await findActivity("Harbor merchants safety meeting");
    const notMine = await t.graphql(UPDATE, {
      token: member,
      variables: { input: { id: harbor.id, expectedVersion: 1, attendanceCount: 99 } },
    });
    expect(notMine.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byCoordinator = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id: harbor.id, expectedVersion: 1, attendanceCount: 18 } },
    });
    expect(byCoordinator.data).toMatchObject({ updateActivity: { activity: { version: 2, attendanceCount: 18 } } });
    expect(await t.database.prisma.auditEvent.count({ where: { action: "activity.update" } })).toBe(2);
  });

  it("refuses an update whose new end falls before the stored start", async () => {
    const meeting = await findActivity("Eastside Station community meeting, February");
    const response = await t.graphql(UPDATE, {
      token: member,
      variables: { input: { id: meeting.id, expectedVersion: 1, endsAt: "2026-02-01T00:00:00Z" } },
    });
    expect(response.errors?.[0]?.message).toBe("input.endsAt: must be after startsAt");
    expect(
      (await t.database.prisma.activity.findFirstOrThrow({ where: { title: "Eastside Station community meeting, February" } }))
        .version,
    ).toBe(1);
  });

  it("replaces the language requests once an interpreter is found, closing the unmet request", async () => {
    const townHall = await findActivity("Valley Station town hall");
    const response = await t.graphql(SET_LANGUAGES, {
      token: coordinator,
      variables: {
        input: {
          activityId: townHall.id,
          expectedVersion: 1,
          languageRequests: [{ language: "hy", volunteerName: "Ani Petrosyan" }],
        },
      },
    });
    expect(response.data).toEqual({
      setActivityLanguageRequests: { activity: { version: 2, languageRequests: [{ language: "hy", provided: true }] } },
    });
    expect(titles(await list(coordinator, { unmetLanguageRequests: true }))).not.toContain("Valley Station town hall");
    const audit = await t.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "activity.set-language-requests" } });
    expect(JSON.stringify(audit)).not.toMatch(/Petrosyan/);
    const stale = await t.graphql(SET_LANGUAGES, {
      token: coordinator,
      variables: { input: { activityId: townHall.id, expectedVersion: 1, languageRequests: [] } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    expect(await t.database.prisma.languageRequest.count({ where: { language: "hy", volunteerName: "Ani Petrosyan" } })).toBe(1);
  });

  it("lists a stakeholder's engagement history, newest first, with totalCount", async () => {
    const query = `query ($id: ID!) { node(id: $id) { ... on Stakeholder { engagementHistory(first: 10) { totalCount edges { node { title } } } } } }`;
    const response = await t.graphql<{ node: { engagementHistory: Edges<{ title: string }> } }>(query, {
      token: member,
      variables: { id: metro.stakeholders.get("Harbor Korean Business Association") },
    });
    expect(response.data!.node.engagementHistory).toEqual({
      totalCount: 2,
      edges: [{ node: { title: "Lunar New Year festival booth" } }, { node: { title: "Harbor merchants safety meeting" } }],
    });
  });

  it("filters by unit, sponsorship, stakeholder and time, and orders oldest first on request", async () => {
    const harborId = metro.units.get("Harbor Station");
    expect(titles(await list(member, { unitId: harborId }))).toEqual([
      "Lunar New Year festival booth",
      "Harbor merchants safety meeting",
    ]);
    expect(titles(await list(member, { unitId: harborId, departmentSponsored: false }))).toEqual([
      "Lunar New Year festival booth",
    ]);
    const february = { from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z" };
    expect(
      titles(await list(member, { ...february, stakeholderId: metro.stakeholders.get("St. Brigid's Parish") }, "STARTS_AT_ASC")),
    ).toEqual(["Eastside Station community meeting, February", "Youth mentoring: study hall and basketball"]);
    const backwards = await t.graphql(LIST, { token: member, variables: { filter: { from: february.to, to: february.from } } });
    expect(backwards.errors?.[0]?.message).toBe("filter.to: must be after from");
    expect((await list(await t.tokenFor("lakeview", "CHIEF"), {})).totalCount).toBe(5);
    expect((await t.graphql("{ activities { totalCount } }")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("adds a follow-up to a meeting and lets its owner complete it, auditing both", async () => {
    const meeting = await findActivity("Eastside Station community meeting, February");
    const added = await t.graphql<{ addActivityFollowUp: { followUp: { id: string; done: boolean; dueOn: string } } }>(
      `mutation ($input: AddActivityFollowUpInput!) { addActivityFollowUp(input: $input) { followUp { id done dueOn } } }`,
      {
        token: member,
        variables: {
          input: {
            activityId: meeting.id,
            description: "Send the meeting notes in Spanish",
            ownerId: memberId,
            dueOn: "2026-02-20",
          },
        },
      },
    );
    expect(added.data!.addActivityFollowUp.followUp).toMatchObject({ done: false, dueOn: "2026-02-20" });
    const completed = await t.graphql(
      `mutation ($id: ID!) { completeActivityFollowUp(id: $id) { followUp { done activity { title } } } }`,
      { token: member, variables: { id: added.data!.addActivityFollowUp.followUp.id } },
    );
    expect(completed.data).toEqual({
      completeActivityFollowUp: { followUp: { done: true, activity: { title: "Eastside Station community meeting, February" } } },
    });
    expect(await t.database.prisma.auditEvent.count({ where: { action: { startsWith: "activity-follow-up." } } })).toBe(2);
    const empty = await t.graphql(
      `mutation ($input: AddActivityFollowUpInput!) { addActivityFollowUp(input: $input) { followUp { id } } }`,
      {
        token: member,
        variables: { input: { activityId: meeting.id, description: "" } },
      },
    );
    expect(empty.errors?.[0]?.message).toBe("input.description: must not be empty");
  });

  it("lets a member record the languages they speak, refusing a tag that is not one", async () => {
    const MINE = `mutation ($languages: [String!]!) { updateMyLanguages(languages: $languages) { email languages } }`;
    const bad = await t.graphql(MINE, { token: member, variables: { languages: ["en", "Armenian!"] } });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toMatch(/languages\.1: must be a language tag/);
    const good = await t.graphql(MINE, { token: member, variables: { languages: ["en", "ES", "hy", "es"] } });
    expect(good.data).toEqual({ updateMyLanguages: { email: "member@metro.example", languages: ["en", "es", "hy"] } });
    expect(await t.database.prisma.auditEvent.count({ where: { action: "member.update-languages" } })).toBe(1);
    const nowSpoken = await t.graphql(LOG, {
      token: member,
      variables: {
        input: {
          kind: "COMMUNITY_MEETING",
          title: "Valley town hall, April",
          startsAt: "2026-04-14T02:00:00Z",
          languageRequests: [{ language: "hy", interpreterMemberId: memberId }],
        },
      },
    });
    expect(nowSpoken.errors).toBeUndefined();
  });
});
