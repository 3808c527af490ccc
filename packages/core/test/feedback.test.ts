import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SUBMIT = `mutation ($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { received referenceId } }`;
const RECORD = `mutation ($input: RecordFeedbackInput!) {
  recordFeedback(input: $input) { feedback { id channel text topic language status anonymous version unit { name } activity { id } } }
}`;
const ANSWER = `mutation ($input: AnswerFeedbackInput!) {
  answerFeedback(input: $input) { feedback { id status answer answeredAt version answeredBy { email } } }
}`;
const SET_STATUS = `mutation ($input: SetFeedbackStatusInput!) { setFeedbackStatus(input: $input) { feedback { status version } } }`;
const LIST = `query ($filter: FeedbackFilter, $orderBy: FeedbackOrder) {
  feedback(first: 100, filter: $filter, orderBy: $orderBy) { totalCount edges { node { id text receivedAt criticalOfDepartment answer } } }
}`;

interface FeedbackList {
  feedback: { totalCount: number; edges: { node: { id: string; text: string; receivedAt: string; answer: string | null } }[] };
}

describe("feedback", () => {
  let t: TestApp;
  let coordinator: string;
  let member: string;
  let eastsideId: string;
  let lakeviewUnitId: string;

  const feedbackCount = () => t.database.prisma.feedback.count();
  const list = async (token: string, filter: Record<string, unknown>, orderBy?: string) =>
    (await t.graphql<FeedbackList>(LIST, { token, variables: { filter, orderBy } })).data!.feedback;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    member = await t.tokenFor("metro", "MEMBER");
    eastsideId = await t.unitId("metro", "Eastside Station");
    lakeviewUnitId = await t.unitId("lakeview");
  });
  afterAll(() => t.close());

  it("takes public feedback without a token, anonymous unless a name is given, and audits no personal data", async () => {
    const before = await feedbackCount();
    const response = await t.graphql<{ submitFeedback: { received: boolean; referenceId: string } }>(SUBMIT, {
      variables: {
        input: {
          agencySlug: "metro",
          text: "The streetlight at Oak and 3rd has been out for a month.",
          topic: "QUALITY_OF_LIFE",
          language: "en",
          unitId: eastsideId,
          name: "Pat Resident",
          contact: "pat@example.org",
        },
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.submitFeedback.received).toBe(true);
    expect(response.data!.submitFeedback.referenceId).toEqual(expect.any(String));
    expect(await feedbackCount()).toBe(before + 1);
    const row = await t.database.prisma.feedback.findFirstOrThrow({ where: { text: { startsWith: "The streetlight at Oak" } } });
    expect(row).toMatchObject({ channel: "ONLINE", topic: "QUALITY_OF_LIFE", status: "NEW", submitterName: "Pat Resident" });
    const audit = await t.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "feedback.submit", entityId: row.id } });
    expect(audit.actorMemberId).toBeNull();
    expect(JSON.stringify(audit)).not.toMatch(/Pat Resident|pat@example|streetlight/);
  });

  it("answers an unknown agency with NOT_FOUND naming input.agencySlug, writing nothing", async () => {
    const before = await feedbackCount();
    const response = await t.graphql(SUBMIT, { variables: { input: { agencySlug: "gotham", text: "Hello" } } });
    expect(response.errors?.[0]).toMatchObject({
      message: "input.agencySlug: no such agency",
      extensions: { code: "NOT_FOUND" },
    });
    expect(await feedbackCount()).toBe(before);
  });

  it("refuses empty or over-long text and another agency's unit, naming the field, writing nothing", async () => {
    const before = await feedbackCount();
    const empty = await t.graphql(SUBMIT, { variables: { input: { agencySlug: "metro", text: "   ", language: "not a tag" } } });
    expect(empty.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(empty.errors?.[0]?.message).toMatch(/input\.text: must not be empty/);
    expect(empty.errors?.[0]?.message).toMatch(/input\.language: must be a language tag/);
    const long = await t.graphql(SUBMIT, { variables: { input: { agencySlug: "metro", text: "x".repeat(5001) } } });
    expect(long.errors?.[0]?.message).toBe("input.text: must be at most 5000 characters");
    const elsewhere = await t.graphql(SUBMIT, {
      variables: { input: { agencySlug: "metro", text: "Hi", unitId: lakeviewUnitId } },
    });
    expect(elsewhere.errors?.[0]).toMatchObject({ message: "input.unitId: no such record", extensions: { code: "NOT_FOUND" } });
    expect(await feedbackCount()).toBe(before);
  });

  it("hides the submitter's name from a MEMBER (FORBIDDEN on the field) but shows it to the coordinator", async () => {
    const query = `{ feedback(first: 100, filter: { channel: ONLINE }) { edges { node { text anonymous submitterName } } } }`;
    const asMember = await t.graphql<{ feedback: { edges: { node: { text: string; submitterName: string | null } }[] } }>(query, {
      token: member,
    });
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(asMember.errors?.[0]?.path?.at(-1)).toBe("submitterName");
    const memberView = asMember.data!.feedback.edges.find((edge) => edge.node.text.startsWith("The streetlight at Oak"));
    expect(memberView?.node).toEqual({ text: expect.any(String), anonymous: false, submitterName: null });
    const asCoordinator = await t.graphql<{ feedback: { edges: { node: { text: string; submitterName: string | null } }[] } }>(
      query,
      { token: coordinator },
    );
    expect(asCoordinator.errors).toBeUndefined();
    const coordinatorView = asCoordinator.data!.feedback.edges.find((edge) =>
      edge.node.text.startsWith("The streetlight at Oak"),
    );
    expect(coordinatorView?.node.submitterName).toBe("Pat Resident");
  });

  it("lets any member record what was said at a meeting, linked to the meeting and its unit", async () => {
    const metro = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
    const eastside = await t.database.prisma.orgUnit.findFirstOrThrow({
      where: { agencyId: metro.id, name: "Eastside Station" },
    });
    const meeting = await t.database.prisma.activity.create({
      data: {
        agencyId: metro.id,
        kind: "COMMUNITY_MEETING",
        title: "Test town hall",
        startsAt: new Date("2026-10-20T01:00:00Z"),
        unitId: eastside.id,
      },
    });
    const activityId = Buffer.from(`Activity:${meeting.id}`).toString("base64");
    const response = await t.graphql(RECORD, {
      token: member,
      variables: {
        input: { channel: "MEETING", activityId, text: "Speeders on Elm every morning.", topic: "PUBLIC_SAFETY", language: "es" },
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      recordFeedback: {
        feedback: {
          channel: "MEETING",
          topic: "PUBLIC_SAFETY",
          language: "es",
          status: "NEW",
          anonymous: true,
          version: 1,
          unit: { name: "Eastside Station" },
          activity: { id: activityId },
        },
      },
    });
    expect(await t.database.prisma.auditEvent.count({ where: { action: "feedback.record" } })).toBe(1);
    const survey = await t.graphql(RECORD, { token: member, variables: { input: { channel: "SURVEY", text: "x" } } });
    expect(survey.errors?.[0]?.message).toBe("input.channel: SURVEY feedback comes only from survey responses");
  });

  it("answers feedback: status ANSWERED with who and when; refuses members and stale versions", async () => {
    const recorded = await t.graphql<{ recordFeedback: { feedback: { id: string } } }>(RECORD, {
      token: member,
      variables: { input: { channel: "PHONE", text: "Why was my complaint ignored?", criticalOfDepartment: true } },
    });
    const id = recorded.data!.recordFeedback.feedback.id;
    const asMember = await t.graphql(ANSWER, { token: member, variables: { input: { id, expectedVersion: 1, answer: "No." } } });
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const empty = await t.graphql(ANSWER, { token: coordinator, variables: { input: { id, expectedVersion: 1, answer: " " } } });
    expect(empty.errors?.[0]?.message).toBe("input.answer: must not be empty");
    const answered = await t.graphql(ANSWER, {
      token: coordinator,
      variables: { input: { id, expectedVersion: 1, answer: "We reopened it and called you back on Monday." } },
    });
    expect(answered.errors).toBeUndefined();
    expect(answered.data).toMatchObject({
      answerFeedback: {
        feedback: {
          status: "ANSWERED",
          version: 2,
          answeredBy: { email: "coordinator@metro.example" },
          answeredAt: expect.any(String),
        },
      },
    });
    const stale = await t.graphql(ANSWER, {
      token: coordinator,
      variables: { input: { id, expectedVersion: 1, answer: "Other" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    const row = await t.database.prisma.feedback.findFirstOrThrow({ where: { text: "Why was my complaint ignored?" } });
    expect(row.answer).toBe("We reopened it and called you back on Monday.");
    expect(await t.database.prisma.auditEvent.count({ where: { action: "feedback.answer", entityId: row.id } })).toBe(1);
  });

  it("moves feedback along by status, but ANSWERED only with an answer", async () => {
    const recorded = await t.graphql<{ recordFeedback: { feedback: { id: string } } }>(RECORD, {
      token: member,
      variables: { input: { channel: "EMAIL", text: "Graffiti on the library wall." } },
    });
    const id = recorded.data!.recordFeedback.feedback.id;
    const moved = await t.graphql(SET_STATUS, {
      token: await t.tokenFor("metro", "UNIT_COMMANDER"),
      variables: { input: { id, expectedVersion: 1, status: "IN_PROGRESS" } },
    });
    expect(moved.data).toEqual({ setFeedbackStatus: { feedback: { status: "IN_PROGRESS", version: 2 } } });
    const answered = await t.graphql(SET_STATUS, {
      token: coordinator,
      variables: { input: { id, expectedVersion: 2, status: "ANSWERED" } },
    });
    expect(answered.errors?.[0]?.message).toBe("input.status: ANSWERED needs an answer: use answerFeedback");
    const row = await t.database.prisma.feedback.findFirstOrThrow({ where: { text: "Graffiti on the library wall." } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", version: 2 });
  });

  it("lists critical feedback still waiting for an answer, newest first, for this agency only", async () => {
    const waiting = await list(coordinator, { critical: true, unanswered: true });
    const texts = waiting.edges.map((edge) => edge.node.text);
    expect(texts).toContain("I asked the department twice for its body camera policy and never got an answer.");
    expect(texts.some((text) => text.startsWith("Khi thuyền của tôi"))).toBe(true);
    expect(texts).not.toContain("Why was my complaint ignored?");
    expect(texts.some((text) => text.startsWith("Deputies stopped my son"))).toBe(false);
    expect(texts.some((text) => text.startsWith("Pedí una copia"))).toBe(false);
    expect(waiting.totalCount).toBe(texts.length);
    expect(waiting.edges.every((edge) => edge.node.answer === null)).toBe(true);
    const times = waiting.edges.map((edge) => edge.node.receivedAt);
    expect(times).toEqual([...times].sort().reverse());
    const old = await list(coordinator, { critical: true, unanswered: true, to: "2026-10-02T00:00:00Z" });
    expect(old.totalCount).toBe(2);
    const answered = await list(coordinator, { critical: true, unanswered: false });
    expect(answered.edges.map((edge) => edge.node.text)).toContain("Why was my complaint ignored?");
  });

  it("filters by unit, language and period, and refuses a period that ends before it starts", async () => {
    const spanish = await list(member, { unitId: eastsideId, language: "es" }, "RECEIVED_ASC");
    expect(spanish.edges.map((edge) => edge.node.text)).toEqual([
      "Me robaron el radio del carro en el estacionamiento del tren. Pasa cada semana.",
      "Speeders on Elm every morning.",
    ]);
    const summer = await list(member, { from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z" });
    expect(summer.edges.map((edge) => edge.node.text)).toEqual(["Someone dumped mattresses and tires on Canyon Road again."]);
    const backwards = await t.graphql(LIST, {
      token: member,
      variables: { filter: { from: "2026-07-01T00:00:00Z", to: "2026-06-01T00:00:00Z" } },
    });
    expect(backwards.errors?.[0]).toMatchObject({
      message: "filter.to: must be after from",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await t.graphql(LIST, { variables: {} })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
