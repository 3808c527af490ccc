import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CREATE = `mutation ($input: CreateSurveyInput!) {
  createSurvey(input: $input) { survey { id title status version unit { name } questions { id position prompt kind options required } } }
}`;
const UPDATE = `mutation ($input: UpdateSurveyInput!) { updateSurvey(input: $input) { survey { id version title questions { prompt } } } }`;
const OPEN = `mutation ($id: ID!) { openSurvey(id: $id) { survey { id status version opensAt } } }`;
const CLOSE = `mutation ($id: ID!) { closeSurvey(id: $id) { survey { id status closesAt } } }`;
const PUBLIC_SURVEY = `query ($slug: String!, $id: ID!) {
  publicSurvey(agencySlug: $slug, surveyId: $id) { id title description languages questions { id prompt kind options required } }
}`;
const SUBMIT = `mutation ($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { received referenceId } }`;

interface PublicQuestion {
  id: string;
  kind: string;
  options: string[];
}

const QUESTIONS = [
  { prompt: "How safe do you feel walking at night?", kind: "SCALE", required: true },
  { prompt: "Which issue matters most?", kind: "SINGLE_CHOICE", options: ["Speeding", "Break-ins", "Noise"], required: true },
  { prompt: "Which meetings would you attend?", kind: "MULTIPLE_CHOICE", options: ["Mornings", "Evenings", "Online"] },
  { prompt: "Anything else?", kind: "TEXT" },
];

describe("surveys", () => {
  let t: TestApp;
  let coordinator: string;
  let eastsideId: string;
  let surveyId: string;
  let questions: PublicQuestion[];

  const responseCount = () => t.database.prisma.surveyResponse.count();

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    eastsideId = await t.unitId("metro", "Eastside Station");
    const created = await t.graphql<{ createSurvey: { survey: { id: string } } }>(CREATE, {
      token: coordinator,
      variables: { input: { title: "Night safety survey", unitId: eastsideId, languages: ["en", "es"], questions: QUESTIONS } },
    });
    surveyId = created.data!.createSurvey.survey.id;
    await t.graphql(OPEN, { token: coordinator, variables: { id: surveyId } });
    const view = await t.graphql<{ publicSurvey: { questions: PublicQuestion[] } }>(PUBLIC_SURVEY, {
      variables: { slug: "metro", id: surveyId },
    });
    questions = view.data!.publicSurvey.questions;
  });
  afterAll(() => t.close());

  const validAnswers = () => [
    { questionId: questions[0]!.id, value: "4" },
    { questionId: questions[1]!.id, value: "Speeding" },
    { questionId: questions[2]!.id, values: ["Evenings", "Online"] },
  ];

  it("lets staff write a survey with ordered questions as a DRAFT, and audits it", async () => {
    const response = await t.graphql(CREATE, {
      token: await t.tokenFor("metro", "UNIT_COMMANDER"),
      variables: { input: { title: "Draft survey", unitId: eastsideId, questions: QUESTIONS.slice(0, 2) } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      createSurvey: {
        survey: {
          title: "Draft survey",
          status: "DRAFT",
          version: 1,
          unit: { name: "Eastside Station" },
          questions: [
            { position: 1, kind: "SCALE", options: [], required: true },
            { position: 2, kind: "SINGLE_CHOICE", options: ["Speeding", "Break-ins", "Noise"] },
          ],
        },
      },
    });
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "survey.create" } });
    expect(audit).toMatchObject({ entityType: "Survey", outcome: "SUCCESS" });
  });

  it("refuses choice questions without options and a close before the open, naming every field", async () => {
    const before = await t.database.prisma.survey.count();
    const noOptions = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { title: "Bad", questions: [{ prompt: "Pick one", kind: "SINGLE_CHOICE" }] } },
    });
    expect(noOptions.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(noOptions.errors?.[0]?.message).toMatch(/input\.questions\.0\.options: must list at least one option/);
    const badWindow = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { title: "  ", opensAt: "2026-12-01T00:00:00Z", closesAt: "2026-11-01T00:00:00Z" } },
    });
    expect(badWindow.errors?.[0]?.message).toMatch(/input\.title: must not be empty/);
    expect(badWindow.errors?.[0]?.message).toMatch(/input\.closesAt: must be after opensAt/);
    const scaleOptions = await t.graphql(CREATE, {
      token: coordinator,
      variables: { input: { title: "Scale", questions: [{ prompt: "Rate", kind: "SCALE", options: ["1", "2"] }] } },
    });
    expect(scaleOptions.errors?.[0]?.message).toMatch(/input\.questions\.0\.options: must be empty for a SCALE question/);
    expect(await t.database.prisma.survey.count()).toBe(before);
  });

  it("refuses a plain member (FORBIDDEN) and the public (UNAUTHENTICATED)", async () => {
    const input = { title: "Nope" };
    const asMember = await t.graphql(CREATE, { token: await t.tokenFor("metro", "MEMBER"), variables: { input } });
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asPublic = await t.graphql("{ surveys { totalCount } }");
    expect(asPublic.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("shows an open survey to the public without a token, with nothing but what to answer", async () => {
    const response = await t.graphql(PUBLIC_SURVEY, { variables: { slug: "metro", id: surveyId } });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({
      publicSurvey: { id: surveyId, title: "Night safety survey", languages: ["en", "es"] },
    });
    expect(questions.map((question) => question.kind)).toEqual(["SCALE", "SINGLE_CHOICE", "MULTIPLE_CHOICE", "TEXT"]);
    const staffOnly = await t.graphql(`query ($id: ID!) { publicSurvey(agencySlug: "metro", surveyId: $id) { status } }`, {
      variables: { id: surveyId },
    });
    expect(staffOnly.errors?.[0]?.message).toMatch(/Cannot query field "status"/);
  });

  it("keeps DRAFT surveys, other agencies' surveys and unknown agencies invisible to the public", async () => {
    const draft = await t.graphql<{ createSurvey: { survey: { id: string } } }>(CREATE, {
      token: coordinator,
      variables: { input: { title: "Not yet", questions: QUESTIONS.slice(0, 1) } },
    });
    const draftId = draft.data!.createSurvey.survey.id;
    expect((await t.graphql(PUBLIC_SURVEY, { variables: { slug: "metro", id: draftId } })).data).toEqual({ publicSurvey: null });
    expect((await t.graphql(PUBLIC_SURVEY, { variables: { slug: "lakeview", id: surveyId } })).data).toEqual({
      publicSurvey: null,
    });
    expect((await t.graphql(PUBLIC_SURVEY, { variables: { slug: "nowhere", id: surveyId } })).data).toEqual({
      publicSurvey: null,
    });
    const before = await responseCount();
    const submitted = await t.graphql(SUBMIT, {
      variables: { input: { agencySlug: "metro", surveyId: draftId, answers: [] } },
    });
    expect(submitted.errors?.[0]).toMatchObject({
      message: "input.surveyId: no open survey with this ID",
      extensions: { code: "NOT_FOUND" },
    });
    expect(await responseCount()).toBe(before);
  });

  it("takes an anonymous response without a token and keeps no identity; a comment becomes feedback", async () => {
    const before = await responseCount();
    const response = await t.graphql(SUBMIT, {
      variables: {
        input: {
          agencySlug: "metro",
          surveyId,
          language: "es",
          answers: [...validAnswers(), { questionId: questions[3]!.id, value: "More foot patrols" }],
          comment: "The streetlights on 5th are out.",
          topic: "QUALITY_OF_LIFE",
        },
      },
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toMatchObject({ submitSurveyResponse: { received: true } });
    expect(await responseCount()).toBe(before + 1);
    const stored = await t.database.prisma.surveyResponse.findFirstOrThrow({
      where: { language: "es", survey: { title: "Night safety survey" } },
      include: { feedback: true },
    });
    // jsonb keeps keys in its own order: compare as a set.
    const storedAnswers = Object.values(stored.answers as object);
    expect(storedAnswers).toHaveLength(4);
    expect(storedAnswers).toEqual(expect.arrayContaining(["4", "Speeding", ["Evenings", "Online"], "More foot patrols"]));
    expect(stored.feedback).toEqual([
      expect.objectContaining({
        channel: "SURVEY",
        text: "The streetlights on 5th are out.",
        topic: "QUALITY_OF_LIFE",
        submitterName: null,
        submitterContact: null,
        unitId: expect.any(String),
      }),
    ]);
    const audits = await t.database.prisma.auditEvent.findMany({ where: { action: "survey-response.submit" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorMemberId).toBeNull();
    expect(JSON.stringify(stored)).not.toMatch(/203\.0\.113\.9/);
    expect(JSON.stringify(audits)).not.toMatch(/203\.0\.113\.9|streetlights/);
  });

  it("lets staff read the anonymous answers and the comment, but not the public", async () => {
    const query = `query ($id: ID!) { node(id: $id) { ... on Survey {
      responses(first: 5) { totalCount edges { node { language answers { questionId value values } comments { channel text } } } }
    } } }`;
    const staff = await t.graphql<{
      node: { responses: { totalCount: number; edges: { node: { answers: { questionId: string }[]; comments: unknown[] } }[] } };
    }>(query, { token: await t.tokenFor("metro", "MEMBER"), variables: { id: surveyId } });
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.node.responses.totalCount).toBe(1);
    const [first] = staff.data!.node.responses.edges;
    expect(first!.node).toMatchObject({
      language: "es",
      comments: [{ channel: "SURVEY", text: "The streetlights on 5th are out." }],
    });
    expect(first!.node.answers).toEqual(
      expect.arrayContaining([
        { questionId: questions[0]!.id, value: "4", values: [] },
        { questionId: questions[2]!.id, value: null, values: ["Evenings", "Online"] },
      ]),
    );
    expect((await t.graphql(query, { variables: { id: surveyId } })).data).toEqual({ node: null });
  });

  it("checks answers against the questions, naming each field, and writes nothing", async () => {
    const before = await responseCount();
    const response = await t.graphql(SUBMIT, {
      variables: {
        input: {
          agencySlug: "metro",
          surveyId,
          language: "fr",
          answers: [
            { questionId: questions[0]!.id, value: "7" },
            { questionId: questions[2]!.id, values: ["Evenings", "Weekends"] },
            { questionId: questions[1]!.id, value: "Parking" },
            { questionId: surveyId, value: "x" },
          ],
        },
      },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const message = response.errors?.[0]?.message;
    expect(message).toMatch(/input\.language: must be one of en, es/);
    expect(message).toMatch(/input\.answers\.0\.value: must be a whole number from 1 to 5/);
    expect(message).toMatch(/input\.answers\.1\.values\.1: must be one of Mornings, Evenings, Online/);
    expect(message).toMatch(/input\.answers\.2\.value: must be one of Speeding, Break-ins, Noise/);
    expect(message).toMatch(/input\.answers\.3\.questionId: is not a question of this survey/);
    const missing = await t.graphql(SUBMIT, {
      variables: { input: { agencySlug: "metro", surveyId, answers: [{ questionId: questions[0]!.id, value: "3" }] } },
    });
    expect(missing.errors?.[0]?.message).toBe('input.answers: must answer question 2 ("Which issue matters most?")');
    expect(await responseCount()).toBe(before);
  });

  it("answers an unknown agency slug with NOT_FOUND naming the field", async () => {
    const response = await t.graphql(SUBMIT, {
      variables: { input: { agencySlug: "gotham", surveyId, answers: validAnswers() } },
    });
    expect(response.errors?.[0]).toMatchObject({
      message: "input.agencySlug: no such agency",
      extensions: { code: "NOT_FOUND" },
    });
  });

  it("lets questions change only while the survey is a DRAFT, and refuses stale versions", async () => {
    const open = await t.graphql<{ survey: { version: number } }>(
      `query ($id: ID!) { survey: node(id: $id) { ... on Survey { version } } }`,
      {
        token: coordinator,
        variables: { id: surveyId },
      },
    );
    const version = open.data!.survey.version;
    const locked = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id: surveyId, expectedVersion: version, questions: [{ prompt: "New?", kind: "TEXT" }] } },
    });
    expect(locked.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(locked.errors?.[0]?.message).toBe("input.questions: can only change while the survey is a DRAFT; it is OPEN");
    const renamed = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id: surveyId, expectedVersion: version, title: "Night safety survey 2026" } },
    });
    expect(renamed.data).toMatchObject({ updateSurvey: { survey: { version: version + 1, title: "Night safety survey 2026" } } });
    const stale = await t.graphql(UPDATE, {
      token: coordinator,
      variables: { input: { id: surveyId, expectedVersion: version, title: "Overwritten" } },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: version + 1 });
    const row = await t.database.prisma.survey.findFirstOrThrow({ where: { title: { startsWith: "Night safety" } } });
    expect(row).toMatchObject({ title: "Night safety survey 2026", version: version + 1 });
    expect(await t.database.prisma.surveyQuestion.count({ where: { surveyId: row.id } })).toBe(4);
  });

  it("lists surveys by status with totalCount and responseCount, per agency", async () => {
    const open = await t.graphql<{
      surveys: { totalCount: number; edges: { node: { title: string; responseCount: number } }[] };
    }>(`{ surveys(filter: { status: OPEN }) { totalCount edges { node { title responseCount } } } }`, {
      token: await t.tokenFor("metro", "MEMBER"),
    });
    const titles = open.data!.surveys.edges.map((edge) => edge.node.title);
    expect(titles).toContain("Night safety survey 2026");
    expect(titles).not.toContain("Draft survey");
    expect(open.data!.surveys.totalCount).toBe(titles.length);
    expect(open.data!.surveys.edges.find((edge) => edge.node.title.startsWith("Night"))!.node.responseCount).toBe(1);
    const lakeview = await t.graphql<{ surveys: { edges: { node: { title: string } }[] } }>(
      `{ surveys { edges { node { title } } } }`,
      {
        token: await t.tokenFor("lakeview", "CHIEF"),
      },
    );
    expect(lakeview.data!.surveys.edges.map((edge) => edge.node.title)).not.toContain("Night safety survey 2026");
  });

  it("closes a survey, after which the public neither sees nor answers it", async () => {
    const closed = await t.graphql(CLOSE, { token: coordinator, variables: { id: surveyId } });
    expect(closed.data).toMatchObject({ closeSurvey: { survey: { status: "CLOSED" } } });
    expect((await t.graphql(PUBLIC_SURVEY, { variables: { slug: "metro", id: surveyId } })).data).toEqual({ publicSurvey: null });
    const late = await t.graphql(SUBMIT, { variables: { input: { agencySlug: "metro", surveyId, answers: validAnswers() } } });
    expect(late.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const again = await t.graphql(CLOSE, { token: coordinator, variables: { id: surveyId } });
    expect(again.errors?.[0]?.message).toBe("id: the survey is CLOSED, not OPEN");
    expect(await t.database.prisma.auditEvent.count({ where: { action: { in: ["survey.open", "survey.close"] } } })).toBe(2);
  });
});
