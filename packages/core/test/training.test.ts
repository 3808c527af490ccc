import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CREATE_COURSE = `mutation ($input: CreateTrainingCourseInput!) {
  createTrainingCourse(input: $input) { trainingCourse { id title hours delivery topics provider active } }
}`;
const UPDATE_COURSE = `mutation ($input: UpdateTrainingCourseInput!) { updateTrainingCourse(input: $input) { trainingCourse { id title active } } }`;
const RECORD = `mutation ($input: RecordTrainingInput!) {
  recordTraining(input: $input) { trainingRecord { id completedOn hours member { email } course { title } } }
}`;
const HOURS = `query ($id: ID!, $from: DateTime, $to: DateTime) { node(id: $id) { ... on Member { email trainingHours(from: $from, to: $to) } } }`;

describe("training ledger", () => {
  let t: TestApp;
  let chief: string;
  let member: string;
  let commander: string;
  const memberIds = new Map<string, string>();
  const courseIds = new Map<string, string>();
  let lakeviewCourseId: string;

  const recordCount = () => t.database.prisma.trainingRecord.count();
  const coursesOf = async (token: string) => {
    const response = await t.graphql<{ trainingCourses: { edges: { node: { id: string; title: string } }[] } }>(
      `{ trainingCourses(first: 50, filter: { includeInactive: true }) { edges { node { id title } } } }`,
      { token },
    );
    return new Map(response.data!.trainingCourses.edges.map((edge) => [edge.node.title, edge.node.id]));
  };

  beforeAll(async () => {
    t = await createTestApp();
    chief = await t.tokenFor("metro", "CHIEF");
    member = await t.tokenFor("metro", "MEMBER");
    commander = await t.tokenFor("metro", "UNIT_COMMANDER");
    const members = await t.graphql<{ agency: { members: { edges: { node: { id: string; email: string } }[] } } }>(
      "{ agency { members(first: 50) { edges { node { id email } } } } }",
      { token: chief },
    );
    for (const edge of members.data!.agency.members.edges) memberIds.set(edge.node.email, edge.node.id);
    for (const [title, id] of await coursesOf(chief)) courseIds.set(title, id);
    lakeviewCourseId = (await coursesOf(await t.tokenFor("lakeview", "CHIEF"))).get("Community Policing Foundations")!;
  });
  afterAll(() => t.close());

  it("lists the agency's courses with totalCount, and hides courses no longer offered unless asked", async () => {
    const listed = await t.graphql<{
      trainingCourses: { totalCount: number; edges: { node: { title: string; hours: number; delivery: string } }[] };
    }>(`{ trainingCourses { totalCount edges { node { title hours delivery } } } }`, { token: member });
    expect(listed.data!.trainingCourses).toEqual({
      totalCount: 2,
      edges: [
        { node: { title: "Community Policing Foundations", hours: 8, delivery: "IN_PERSON" } },
        { node: { title: "Procedural Justice Refresher", hours: 2, delivery: "ONLINE" } },
      ],
    });
  });

  it("lets the coordinator add and retire a course, auditing both", async () => {
    const coordinator = await t.tokenFor("metro", "COORDINATOR");
    const created = await t.graphql<{ createTrainingCourse: { trainingCourse: { id: string } } }>(CREATE_COURSE, {
      token: coordinator,
      variables: {
        input: { title: "Youth Engagement", hours: 4, delivery: "ONLINE", topics: ["youth programs"], provider: "  " },
      },
    });
    expect(created.data).toMatchObject({
      createTrainingCourse: {
        trainingCourse: { title: "Youth Engagement", hours: 4, topics: ["youth programs"], provider: null, active: true },
      },
    });
    const id = created.data!.createTrainingCourse.trainingCourse.id;
    const retired = await t.graphql(UPDATE_COURSE, { token: coordinator, variables: { input: { id, active: false } } });
    expect(retired.data).toMatchObject({
      updateTrainingCourse: { trainingCourse: { title: "Youth Engagement", active: false } },
    });
    const offered = await t.graphql<{ trainingCourses: { totalCount: number } }>(`{ trainingCourses { totalCount } }`, {
      token: member,
    });
    expect(offered.data!.trainingCourses.totalCount).toBe(2);
    const actions = (await t.database.prisma.auditEvent.findMany({ where: { entityType: "TrainingCourse" } })).map(
      (row) => row.action,
    );
    expect(actions.sort()).toEqual(["training-course.create", "training-course.update"]);
  });

  it("names negative or excessive hours and an empty title, writing nothing", async () => {
    const before = await t.database.prisma.trainingCourse.count();
    const negative = await t.graphql(CREATE_COURSE, {
      token: chief,
      variables: { input: { title: " ", hours: -2, delivery: "ONLINE" } },
    });
    expect(negative.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(negative.errors?.[0]?.message).toMatch(/title: must not be empty/);
    expect(negative.errors?.[0]?.message).toMatch(/hours: must be more than 0/);
    const excessive = await t.graphql(CREATE_COURSE, {
      token: chief,
      variables: { input: { title: "Marathon", hours: 201, delivery: "IN_PERSON" } },
    });
    expect(excessive.errors?.[0]?.message).toMatch(/hours: must be at most 200/);
    const unknownDelivery = await t.graphql(CREATE_COURSE, {
      token: chief,
      variables: { input: { title: "X", hours: 1, delivery: "PODCAST" } },
    });
    expect(unknownDelivery.errors?.[0]?.message).toMatch(/TrainingDelivery/);
    expect(await t.database.prisma.trainingCourse.count()).toBe(before);
  });

  it("refuses a plain member editing the course catalogue", async () => {
    const response = await t.graphql(CREATE_COURSE, {
      token: member,
      variables: { input: { title: "Mine", hours: 1, delivery: "ONLINE" } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("lets a member record their own training with the course's hours, and audits it", async () => {
    const response = await t.graphql(RECORD, {
      token: member,
      variables: { input: { courseId: courseIds.get("Community Policing Foundations"), completedOn: "2026-09-15" } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      recordTraining: {
        trainingRecord: {
          completedOn: "2026-09-15",
          hours: 8,
          member: { email: "member@metro.example" },
          course: { title: "Community Policing Foundations" },
        },
      },
    });
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "training-record.create" } });
    expect(audit).toMatchObject({ entityType: "TrainingRecord", after: { hours: 8, completedOn: "2026-09-15", forSelf: true } });
  });

  it("refuses a member recording training for someone else (FORBIDDEN), writing nothing", async () => {
    const before = await recordCount();
    const response = await t.graphql(RECORD, {
      token: member,
      variables: {
        input: {
          memberId: memberIds.get("chief@metro.example"),
          courseId: courseIds.get("Procedural Justice Refresher"),
          completedOn: "2026-09-01",
        },
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await recordCount()).toBe(before);
  });

  it("lets a commander record training for their station's members only", async () => {
    const refresher = courseIds.get("Procedural Justice Refresher");
    const own = await t.graphql(RECORD, {
      token: commander,
      variables: {
        input: { memberId: memberIds.get("member@metro.example"), courseId: refresher, completedOn: "2026-10-02", hours: 1.5 },
      },
    });
    expect(own.data).toMatchObject({
      recordTraining: { trainingRecord: { hours: 1.5, member: { email: "member@metro.example" } } },
    });
    const before = await recordCount();
    const headquarters = await t.graphql(RECORD, {
      token: commander,
      variables: {
        input: { memberId: memberIds.get("coordinator@metro.example"), courseId: refresher, completedOn: "2026-10-02" },
      },
    });
    expect(headquarters.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await recordCount()).toBe(before);
  });

  it("names a future completion day and non-positive hours, writing nothing", async () => {
    const before = await recordCount();
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
    const response = await t.graphql(RECORD, {
      token: chief,
      variables: { input: { courseId: courseIds.get("Procedural Justice Refresher"), completedOn: tomorrow, hours: -1 } },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/completedOn: must not be in the future/);
    expect(response.errors?.[0]?.message).toMatch(/hours: must be more than 0/);
    expect(await recordCount()).toBe(before);
  });

  it("refuses the same member, course and day twice with CONFLICT, and another agency's course like a missing one", async () => {
    const input = { courseId: courseIds.get("Procedural Justice Refresher"), completedOn: "2026-08-08" };
    expect((await t.graphql(RECORD, { token: chief, variables: { input } })).errors).toBeUndefined();
    const before = await recordCount();
    const again = await t.graphql(RECORD, { token: chief, variables: { input } });
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(again.errors?.[0]?.message).toMatch(/^input\.completedOn: /);
    const elsewhere = await t.graphql(RECORD, { token: chief, variables: { input: { ...input, courseId: lakeviewCourseId } } });
    expect(elsewhere.errors?.[0]).toMatchObject({ message: "input.courseId: no such record", extensions: { code: "NOT_FOUND" } });
    expect(await recordCount()).toBe(before);
  });

  it("sums a member's hours within a window, both ends' days included", async () => {
    // Demo ledger of the metro commander: Foundations (8 h) on 2026-01-20, the Refresher (2 h) on 2026-06-05.
    const id = memberIds.get("unit_commander@metro.example");
    const hours = async (from?: string, to?: string) =>
      (await t.graphql<{ node: { trainingHours: number } }>(HOURS, { token: chief, variables: { id, from, to } })).data!.node
        .trainingHours;
    expect(await hours()).toBe(10);
    expect(await hours("2026-01-01T00:00:00Z", "2026-03-31T23:59:59Z")).toBe(8);
    expect(await hours("2026-06-05T12:00:00Z", "2026-06-05T13:00:00Z")).toBe(2);
    expect(await hours("2026-07-01T00:00:00Z")).toBe(0);
    const backwards = await t.graphql(HOURS, {
      token: chief,
      variables: { id, from: "2026-06-01T00:00:00Z", to: "2026-01-01T00:00:00Z" },
    });
    expect(backwards.errors?.[0]?.message).toBe("to: must not be before from");
  });

  it("shows a member their own ledger and hours, and nobody else's", async () => {
    const own = await t.graphql<{ viewer: { member: { trainingHours: number; trainingRecords: { totalCount: number } } } }>(
      `{ viewer { member { trainingHours trainingRecords { totalCount } } } }`,
      { token: member },
    );
    const ownRows = await t.database.prisma.trainingRecord.findMany({ where: { member: { email: "member@metro.example" } } });
    expect(own.data!.viewer.member).toEqual({
      trainingHours: ownRows.reduce((sum, row) => sum + row.hours, 0),
      trainingRecords: { totalCount: ownRows.length },
    });
    const listed = await t.graphql<{ trainingRecords: { totalCount: number } }>(`{ trainingRecords { totalCount } }`, {
      token: member,
    });
    expect(listed.data!.trainingRecords.totalCount).toBe(ownRows.length);

    const chiefId = memberIds.get("chief@metro.example");
    const othersHours = await t.graphql(HOURS, { token: member, variables: { id: chiefId } });
    expect(othersHours.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const othersList = await t.graphql(`query ($id: ID!) { trainingRecords(filter: { memberId: $id }) { totalCount } }`, {
      token: member,
      variables: { id: chiefId },
    });
    expect(othersList.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("shows staff everyone's records, filtered by member, course and days", async () => {
    const response = await t.graphql<{
      trainingRecords: { totalCount: number; edges: { node: { completedOn: string; member: { email: string } } }[] };
    }>(
      `query ($course: ID!) {
        trainingRecords(filter: { courseId: $course, from: "2026-01-01", to: "2026-06-30" }, orderBy: OLDEST_FIRST) {
          totalCount edges { node { completedOn member { email } } }
        }
      }`,
      { token: commander, variables: { course: courseIds.get("Community Policing Foundations") } },
    );
    expect(response.data!.trainingRecords).toEqual({
      totalCount: 3,
      edges: [
        { node: { completedOn: "2026-01-20", member: { email: "unit_commander@metro.example" } } },
        { node: { completedOn: "2026-02-10", member: { email: "chief@metro.example" } } },
        { node: { completedOn: "2026-03-12", member: { email: "coordinator@metro.example" } } },
      ],
    });
    const everyone = await t.graphql<{ agency: { members: { edges: { node: { email: string; trainingHours: number } }[] } } }>(
      `{ agency { members(first: 50) { edges { node { email trainingHours(from: "2026-01-01T00:00:00Z", to: "2026-12-31T23:59:59Z") } } } } }`,
      { token: chief },
    );
    const hours = Object.fromEntries(
      everyone.data!.agency.members.edges.map((edge) => [edge.node.email, edge.node.trainingHours]),
    );
    expect(hours).toMatchObject({
      "chief@metro.example": 8 + 2,
      "unit_commander@metro.example": 10,
      "agency_admin@metro.example": 2,
    });
    const lakeview = await t.graphql<{ agency: { members: { edges: { node: { email: string; trainingHours: number } }[] } } }>(
      `{ agency { members(first: 50) { edges { node { email trainingHours } } } } }`,
      { token: await t.tokenFor("lakeview", "COORDINATOR") },
    );
    const lakeviewHours = Object.fromEntries(
      lakeview.data!.agency.members.edges.map((edge) => [edge.node.email, edge.node.trainingHours]),
    );
    expect(lakeviewHours).toMatchObject({ "member@lakeview.example": 8, "unit_commander@lakeview.example": 2 });
  });
});
