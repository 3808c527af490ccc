import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentHalfYear, daysAfter, isoDay } from "../periods.ts";
import { createRivertown, type Rivertown } from "../testing/rivertown.ts";

type Section = {
  key: string;
  body: string;
  table: { columns: string[]; rows: { cells: string[] }[] } | null;
  chart: { kind: string; labels: string[]; series: { name: string; values: number[] }[] } | null;
};

const CREATE = `mutation ($input: CreateReportInput!) { createReport(input: $input) { report { id status title
  currentVersion { sections { key title body table { columns rows { cells } } chart { kind labels series { name values } } } } } } }`;

describe("patrol-cpp.plan-update: the semi-annual plan update as a report (CPP-13 to CPP-17)", () => {
  let town: Rivertown;
  let commanderToken: string;
  let reportId: string;
  let sections: Section[];
  const half = currentHalfYear(new Date());
  const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

  beforeAll(async () => {
    town = await createRivertown();
    const { prisma, agencyId, north, south } = town;
    commanderToken = await town.t.tokenFor("rivertown", "UNIT_COMMANDER", { email: "ada@rivertown.example" });
    const inHalf = daysAfter(half.start, 10);
    await prisma.feedback.createMany({
      data: [
        { agencyId, unitId: north, channel: "SURVEY", topic: "PUBLIC_SAFETY", text: "Speeding on Elm.", receivedAt: inHalf },
        { agencyId, unitId: north, channel: "MEETING", topic: "PUBLIC_SAFETY", text: "Break-ins on 3rd.", receivedAt: inHalf },
        {
          agencyId,
          unitId: north,
          channel: "MEETING",
          topic: "QUALITY_OF_LIFE",
          text: "Graffiti at the park.",
          receivedAt: inHalf,
        },
        { agencyId, unitId: north, channel: "EMAIL", topic: "QUALITY_OF_LIFE", text: "Noise at night.", receivedAt: inHalf },
        // Before the period and at another station: not counted.
        {
          agencyId,
          unitId: north,
          channel: "SURVEY",
          topic: "PUBLIC_SAFETY",
          text: "Old.",
          receivedAt: daysAfter(half.start, -40),
        },
        { agencyId, unitId: south, channel: "SURVEY", topic: "PUBLIC_SAFETY", text: "South.", receivedAt: inHalf },
      ],
    });
    await prisma.priority.create({ data: { agencyId, unitId: north, title: "Safer streets near schools", rank: 1 } });
    const indicator = await prisma.indicator.create({
      data: { agencyId, key: "burglary", name: "Burglaries", category: "CRIME" },
    });
    for (const [month, value] of [
      [0, 14],
      [1, 11],
    ] as const) {
      const start = new Date(Date.UTC(half.start.getUTCFullYear(), half.start.getUTCMonth() + month, 1));
      await prisma.observation.create({
        data: { agencyId, indicatorId: indicator.id, unitId: north, periodStart: start, periodEnd: daysAfter(start, 27), value },
      });
    }
    const problem = await prisma.problem.create({
      data: { agencyId, unitId: north, title: "Break-ins on 3rd Street", scanning: "Five in a month." },
    });
    await prisma.problemResponse.create({
      data: {
        agencyId,
        problemId: problem.id,
        description: "Lighting survey with residents",
        kind: "PREVENTION",
        basis: "COMMUNITY_INPUT_BASED",
      },
    });
    await prisma.activity.create({
      data: { agencyId, unitId: north, kind: "COMMUNITY_MEETING", title: "North Station town hall", startsAt: inHalf },
    });
  });
  afterAll(() => town.close());

  it("is offered to agencies that enabled patrol-cpp, per station, prepared by the commander and approved by the Chief/Sheriff", async () => {
    const response = await town.t.graphql(
      `{ reportTemplates { key period perUnit preparedBy approverRole sections { key clauses } } }`,
      {
        token: town.chiefToken,
      },
    );
    expect(response.data).toEqual({
      reportTemplates: [
        {
          key: "patrol-cpp.plan-update",
          period: "SEMI_ANNUAL",
          perUnit: true,
          preparedBy: ["UNIT_COMMANDER", "CHIEF"],
          approverRole: "CHIEF",
          sections: [
            { key: "community-feedback", clauses: ["CPP-14"] },
            { key: "effectiveness", clauses: ["CPP-15"] },
            { key: "planned-responses", clauses: ["CPP-16"] },
            { key: "community-sharing", clauses: ["CPP-17"] },
            { key: "training", clauses: ["CPP-19"] },
          ],
        },
      ],
    });
  });

  it("lets a commander prepare the update for the station they command only", async () => {
    const south = await town.t.graphql(CREATE, {
      token: commanderToken,
      variables: {
        input: { templateKey: "patrol-cpp.plan-update", periodStart: isoDay(half.start), unitId: gid("OrgUnit", town.south) },
      },
    });
    expect(south.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const north = await town.t.graphql<{
      createReport: { report: { id: string; title: string; currentVersion: { sections: Section[] } } };
    }>(CREATE, {
      token: commanderToken,
      variables: {
        input: { templateKey: "patrol-cpp.plan-update", periodStart: isoDay(half.start), unitId: gid("OrgUnit", town.north) },
      },
    });
    expect(north.errors).toBeUndefined();
    reportId = north.data!.createReport.report.id;
    expect(north.data!.createReport.report.title).toContain("North Station");
    sections = north.data!.createReport.report.currentVersion.sections;
    expect(sections.map((section) => section.key)).toEqual([
      "community-feedback",
      "effectiveness",
      "planned-responses",
      "community-sharing",
      "training",
    ]);
    const training = sections.find((section) => section.key === "training")!;
    expect(training.body).toMatch(/^\d+ of \d+ members assigned to the station have at least 8 hours/);
    expect(training.chart?.kind).toBe("bar");
  });

  it("counts the period's survey and meeting feedback by topic, and lists the station's priorities (CPP-14)", () => {
    const feedback = sections.find((section) => section.key === "community-feedback")!;
    expect(feedback.body).toContain("received 4 comments");
    expect(feedback.body).toContain("1. Safer streets near schools");
    expect(feedback.table!.rows.map((row) => row.cells)).toEqual([
      ["Public safety", "1", "1", "0"],
      ["Quality of life", "0", "1", "1"],
      ["Other", "0", "0", "0"],
    ]);
    expect(feedback.chart).toMatchObject({ kind: "bar", series: [{ name: "Comments", values: [2, 2, 0] }] });
  });

  it("charts the station's indicators and counts its responses by status (CPP-15)", () => {
    const effectiveness = sections.find((section) => section.key === "effectiveness")!;
    expect(effectiveness.chart).toMatchObject({ kind: "line", series: [{ name: "Burglaries", values: [14, 11] }] });
    expect(effectiveness.table!.rows.map((row) => row.cells)).toContainEqual(["Planned", "1"]);
  });

  it("lists responses planned in the period with their basis (CPP-16)", () => {
    const responses = sections.find((section) => section.key === "planned-responses")!;
    expect(responses.body).toContain("0 result-based and 1 based on community input");
    expect(responses.table!.rows.map((row) => row.cells)).toEqual([
      ["Break-ins on 3rd Street", "Lighting survey with residents", "Prevention", "Community input", "Planned"],
    ]);
  });

  it("is shared with the community by publishing it: the approved update appears as the station's plan summary (CPP-17)", async () => {
    const sharing = sections.find((section) => section.key === "community-sharing")!;
    expect(sharing.body).toContain("published on the department's public page");
    expect(sharing.body).toContain("North Station town hall");
    const submit = await town.t.graphql(`mutation ($id: ID!) { submitReport(reportId: $id) { report { status } } }`, {
      token: commanderToken,
      variables: { id: reportId },
    });
    expect(submit.errors).toBeUndefined();
    const approve = await town.t.graphql(
      `mutation ($id: ID!) { approveReport(input: { reportId: $id, versionNumber: 1 }) { report { status } } }`,
      {
        token: town.chiefToken,
        variables: { id: reportId },
      },
    );
    expect(approve.errors).toBeUndefined();
    const publish = await town.t.graphql(`mutation ($id: ID!) { publishReport(reportId: $id) { report { status } } }`, {
      token: commanderToken,
      variables: { id: reportId },
    });
    expect(publish.data).toEqual({ publishReport: { report: { status: "PUBLISHED" } } });
    const open = await town.t.graphql<{ publicAgency: { planSummaries: { unitName: string; report: { markdown: string } }[] } }>(
      `{ publicAgency(slug: "rivertown") { planSummaries { unitName report { markdown } } } }`,
    );
    expect(open.data!.publicAgency.planSummaries).toHaveLength(1);
    expect(open.data!.publicAgency.planSummaries[0]!.unitName).toBe("North Station");
    expect(open.data!.publicAgency.planSummaries[0]!.report.markdown).toContain(
      "## Community feedback from surveys and meetings",
    );
    // Counts only: what residents wrote stays inside the agency.
    expect(open.data!.publicAgency.planSummaries[0]!.report.markdown).not.toContain("Speeding on Elm");
  });
});
