import { definePolicyProfile, defineReportTemplate } from "@roundtable/core";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

/** A per-station brief, so published reports also show up as plan summaries. */
const stationBrief = defineReportTemplate({
  key: "station-brief.half-year",
  title: "Station brief",
  period: "SEMI_ANNUAL",
  perUnit: true,
  preparedBy: ["COORDINATOR"],
  approverRole: "CHIEF",
  approverMustDiffer: true,
  sections: [
    {
      key: "heard",
      title: "What we heard",
      async build({ db, unitId }) {
        const count = await db.feedback.count({ where: { unitId: unitId ?? undefined } });
        return { body: `We received ${count} comments.` };
      },
    },
  ],
});

const profile = definePolicyProfile({
  id: "station-brief",
  version: "0.1.0",
  title: "Station briefs",
  settings: z.object({}),
  rules: [],
  reports: [stationBrief],
});

const DAY = 86_400_000;
const PUBLIC_QUERY = `query ($slug: String!) { publicAgency(slug: $slug) {
  name slug
  publishedReports { id title templateKey unitName periodStart periodEnd publishedAt versionNumber contentHash markdown html }
  planSummaries { unitName report { title versionNumber } }
  upcomingMeetings { title startsAt endsAt location unitName languages }
} }`;

// What must never reach the public.
const SECRETS = [
  "Minutes: Deputy Jones named the witness",
  "Vera Volunteer",
  "Jane Q. Submitter",
  "jane@example.org",
  "The deputy at the corner was rude",
  "DRAFT TEXT NOT FOR THE PUBLIC",
  "Past meeting in the archive",
  "Block party (not the department's)",
  "@metro.example",
];

describe("transparency: publicAgency and open data", () => {
  let t: TestApp;
  let chief: string;
  let coordinator: string;
  let publishedId: string;
  let draftId: string;

  async function ok<T = Record<string, unknown>>(
    query: string,
    token: string | undefined,
    variables: Record<string, unknown> = {},
  ) {
    const response = await t.graphql<T>(query, { token, variables });
    expect(response.errors).toBeUndefined();
    return response.data!;
  }

  beforeAll(async () => {
    t = await createTestApp({ profiles: [profile] });
    const prisma = t.database.prisma;
    chief = await t.tokenFor("metro", "CHIEF");
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    await ok(
      `mutation { configurePolicyProfile(input: { profileId: "station-brief", enabled: true, settings: {} }) { id } }`,
      chief,
    );

    const metro = await prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
    const lakeview = await prisma.agency.findUniqueOrThrow({ where: { slug: "lakeview" } });
    const harbor = await prisma.orgUnit.findFirstOrThrow({ where: { agencyId: metro.id, name: "Harbor Station" } });
    const interpreter = await prisma.member.findFirstOrThrow({ where: { agencyId: metro.id } });
    const soon = new Date(Date.now() + 7 * DAY);
    const meeting = await prisma.activity.create({
      data: {
        agencyId: metro.id,
        kind: "COMMUNITY_MEETING",
        title: "Harbor town hall",
        startsAt: soon,
        location: "Harbor Library",
        unitId: harbor.id,
        minutes: "Minutes: Deputy Jones named the witness",
      },
    });
    await prisma.languageRequest.createMany({
      data: [
        { agencyId: metro.id, activityId: meeting.id, language: "vi", volunteerName: "Vera Volunteer" },
        { agencyId: metro.id, activityId: meeting.id, language: "tl", interpreterMemberId: interpreter.id },
        // Asked for, but nobody interprets: not offered.
        { agencyId: metro.id, activityId: meeting.id, language: "hy" },
      ],
    });
    await prisma.activity.create({
      data: {
        agencyId: metro.id,
        kind: "COMMUNITY_MEETING",
        title: '=HYPERLINK("http://evil.example","click")',
        startsAt: new Date(Date.now() + 9 * DAY),
        location: "+1 555 0100",
      },
    });
    await prisma.activity.create({
      data: {
        agencyId: metro.id,
        kind: "COMMUNITY_MEETING",
        title: "Past meeting in the archive",
        startsAt: new Date(Date.now() - 3 * DAY),
      },
    });
    await prisma.activity.create({
      data: {
        agencyId: metro.id,
        kind: "COMMUNITY_MEETING",
        title: "Block party (not the department's)",
        startsAt: soon,
        departmentSponsored: false,
      },
    });
    await prisma.activity.create({
      data: { agencyId: lakeview.id, kind: "COMMUNITY_MEETING", title: "Lakeview coffee with a cop", startsAt: soon },
    });
    await prisma.feedback.create({
      data: {
        agencyId: metro.id,
        channel: "MEETING",
        topic: "PUBLIC_SAFETY",
        unitId: harbor.id,
        text: "The deputy at the corner was rude",
        submitterName: "Jane Q. Submitter",
        submitterContact: "jane@example.org",
      },
    });

    const harborId = Buffer.from(`OrgUnit:${harbor.id}`).toString("base64");
    type Created = { createReport: { report: { id: string; currentVersionNumber: number } } };
    const create = `mutation ($input: CreateReportInput!) { createReport(input: $input) { report { id currentVersionNumber } } }`;
    publishedId = (
      await ok<Created>(create, coordinator, {
        input: { templateKey: "station-brief.half-year", periodStart: "2026-01-01", unitId: harborId },
      })
    ).createReport.report.id;
    await ok(`mutation ($id: ID!) { submitReport(reportId: $id) { report { id } } }`, coordinator, { id: publishedId });
    await ok(`mutation ($id: ID!) { approveReport(input: { reportId: $id, versionNumber: 1 }) { report { id } } }`, chief, {
      id: publishedId,
    });
    await ok(`mutation ($id: ID!) { publishReport(reportId: $id) { report { id } } }`, chief, { id: publishedId });
    // A later edit of the published report: a draft the public must not see.
    await ok(
      `mutation ($id: ID!) { updateReportSection(input: { reportId: $id, expectedVersion: 1, key: "heard", body: "DRAFT TEXT NOT FOR THE PUBLIC" }) { report { id } } }`,
      coordinator,
      { id: publishedId },
    );
    draftId = (
      await ok<Created>(create, coordinator, {
        input: { templateKey: "station-brief.half-year", periodStart: "2026-07-01", unitId: harborId },
      })
    ).createReport.report.id;
  });
  afterAll(() => t.close());

  it("shows anyone, without an account, the published report as approved, the plan summary and upcoming meetings", async () => {
    const data = await ok<{ publicAgency: Record<string, unknown> & { publishedReports: Record<string, unknown>[] } }>(
      PUBLIC_QUERY,
      undefined,
      {
        slug: "metro",
      },
    );
    const agency = data.publicAgency;
    expect(agency).toMatchObject({ slug: "metro" });
    expect(agency.publishedReports).toHaveLength(1);
    expect(agency.publishedReports[0]).toMatchObject({
      id: publishedId,
      title: "Station brief — Harbor Station — 2026-01-01 – 2026-06-30",
      unitName: "Harbor Station",
      periodStart: "2026-01-01",
      periodEnd: "2026-06-30",
      versionNumber: 1,
    });
    expect(agency.publishedReports[0]!.markdown).toMatch(/## What we heard\n\nWe received \d+ comments\./);
    expect(agency.publishedReports[0]!.html).toContain('<html lang="en">');
    expect(agency.planSummaries).toEqual([
      { unitName: "Harbor Station", report: { title: expect.stringContaining("2026-01-01"), versionNumber: 1 } },
    ]);
    expect(agency.upcomingMeetings).toEqual([
      expect.objectContaining({
        title: "Harbor town hall",
        location: "Harbor Library",
        unitName: "Harbor Station",
        languages: ["tl", "vi"],
      }),
      expect.objectContaining({ title: '=HYPERLINK("http://evil.example","click")', languages: [] }),
    ]);
  });

  it("never shows personal data, minutes, submitters, drafts, past or other organisers' meetings", async () => {
    const text = JSON.stringify(await ok(PUBLIC_QUERY, undefined, { slug: "metro" }));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain("2026-07-01");
    expect(text).not.toContain("Lakeview coffee");
  });

  it("leaves out a meeting that began moments ago, within the current minute", async () => {
    // Meetings are read from the start of the minute and trimmed to the millisecond: one
    // that began a moment ago is past. Not in the last second of a minute, so the moment
    // before now is still inside it when the page is asked for.
    while (Date.now() % 60_000 > 59_000) await new Promise((resolve) => setTimeout(resolve, 100));
    const metro = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
    const begun = await t.database.prisma.activity.create({
      data: {
        agencyId: metro.id,
        kind: "COMMUNITY_MEETING",
        title: "Begun a moment ago",
        startsAt: new Date(Date.now() - 1),
      },
    });
    try {
      const page = await ok<{ publicAgency: { upcomingMeetings: { title: string }[] } }>(PUBLIC_QUERY, undefined, {
        slug: "metro",
      });
      expect(page.publicAgency.upcomingMeetings.map((meeting) => meeting.title)).not.toContain("Begun a moment ago");
      expect(page.publicAgency.upcomingMeetings).toHaveLength(2);
    } finally {
      await t.database.prisma.activity.delete({ where: { id: begun.id } });
    }
  });

  it("answers null for an unknown agency", async () => {
    expect(await ok(PUBLIC_QUERY, undefined, { slug: "atlantis" })).toEqual({ publicAgency: null });
  });

  it("keeps drafts behind sign-in: the public cannot read a report by its ID", async () => {
    const response = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Report { title } } }`, {
      variables: { id: draftId },
    });
    expect(JSON.stringify(response)).not.toContain("Station brief");
  });

  it("exports upcoming meetings as CSV that spreadsheets cannot execute", async () => {
    const response = await t.app.fetch("http://roundtable.test/open-data/metro/upcoming-meetings.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const csv = await response.text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("title,starts_at,ends_at,location,unit,languages");
    expect(lines[1]).toMatch(/^Harbor town hall,.*,Harbor Library,Harbor Station,tl; vi$/);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines[2]).toContain("'+1 555 0100");
    for (const secret of SECRETS) expect(csv).not.toContain(secret);
  });

  it("exports the same data as JSON, and published reports with their content hash", async () => {
    const meetings = (await (
      await t.app.fetch("http://roundtable.test/open-data/metro/upcoming-meetings.json")
    ).json()) as Record<string, unknown>[];
    expect(meetings[0]).toMatchObject({ title: "Harbor town hall", languages: ["tl", "vi"] });
    const reports = (await (await t.app.fetch("http://roundtable.test/open-data/metro/published-reports.json")).json()) as Record<
      string,
      unknown
    >[];
    expect(reports).toEqual([
      expect.objectContaining({ id: publishedId, version: 1, content_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const csv = await (await t.app.fetch("http://roundtable.test/open-data/metro/published-reports.csv")).text();
    expect(csv).toContain("Station brief — Harbor Station");
    expect(csv).not.toContain("DRAFT TEXT");
  });

  it("answers 404 for an unknown agency", async () => {
    expect((await t.app.fetch("http://roundtable.test/open-data/atlantis/upcoming-meetings.csv")).status).toBe(404);
  });

  it("serves a published report as PDF, and nothing for a draft", async () => {
    const pdf = await t.app.fetch(`http://roundtable.test/agencies/metro/reports/${encodeURIComponent(publishedId)}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const draft = await t.app.fetch(`http://roundtable.test/agencies/metro/reports/${encodeURIComponent(draftId)}.pdf`);
    expect(draft.status).toBe(404);
    const elsewhere = await t.app.fetch(
      `http://roundtable.test/agencies/lakeview/reports/${encodeURIComponent(publishedId)}.pdf`,
    );
    expect(elsewhere.status).toBe(404);
  });
});
