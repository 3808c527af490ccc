import { definePolicyProfile, defineReportTemplate } from "@roundtable/core";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { contentHash } from "../src/reports/content-hash.ts";

/** A quarterly agency-wide report: prepared by the coordinator, approved by the Chief/Sheriff. */
const quarterly = defineReportTemplate<{ approverRole: "CHIEF" | "AGENCY_ADMIN" }>({
  key: "town-report.quarterly",
  title: "Quarterly partnership report",
  period: "QUARTERLY",
  perUnit: false,
  preparedBy: ["COORDINATOR"],
  approverRole: (settings) => settings.approverRole,
  approverMustDiffer: true,
  sections: [
    {
      key: "partners",
      title: "Partners",
      clauses: ["TEST-1"],
      async build({ db }) {
        const count = await db.stakeholder.count();
        return {
          body: `We work with ${count} partners.\nEvery one was contacted.`,
          table: { columns: ["Partners", "Count"], rows: [["All", count]] },
        };
      },
    },
    {
      key: "trend",
      title: "Meetings held",
      async build() {
        return {
          body: "Meetings by month.",
          chart: {
            kind: "line",
            title: "Meetings",
            labels: ["Jan", "Feb", "Mar"],
            series: [{ name: "Meetings", values: [2, 3, 5] }],
          },
        };
      },
    },
  ],
});

const townReport = definePolicyProfile({
  id: "town-report",
  version: "0.1.0",
  title: "Quarterly partnership report",
  settings: z.object({ approverRole: z.enum(["CHIEF", "AGENCY_ADMIN"]).default("CHIEF") }),
  rules: [],
  reports: [quarterly],
});

const CONFIGURE = `mutation ($input: ConfigureProfileInput!) { configurePolicyProfile(input: $input) { id enabled } }`;
const FIELDS = `id status currentVersionNumber publishedVersionNumber publishedAt
  currentVersion { number contentHash intact sections { key title body table { columns rows { cells } } chart { kind labels series { name values } } } }
  decisions { decision versionNumber contentHash comment decider { email } }`;
const CREATE = `mutation ($input: CreateReportInput!) { createReport(input: $input) { report { ${FIELDS} } } }`;
const EDIT = `mutation ($input: UpdateReportSectionInput!) { updateReportSection(input: $input) { report { ${FIELDS} } } }`;
const SUBMIT = `mutation ($id: ID!) { submitReport(reportId: $id) { report { status } } }`;
const APPROVE = `mutation ($input: ApproveReportInput!) { approveReport(input: $input) { report { ${FIELDS} } } }`;
const RETURN = `mutation ($input: ReturnReportInput!) { returnReport(input: $input) { report { ${FIELDS} } } }`;
const PUBLISH = `mutation ($id: ID!) { publishReport(reportId: $id) { report { ${FIELDS} } } }`;

type ReportData = {
  id: string;
  status: string;
  currentVersionNumber: number;
  publishedVersionNumber: number | null;
  currentVersion: { number: number; contentHash: string; intact: boolean; sections: { key: string; body: string }[] };
  decisions: {
    decision: string;
    versionNumber: number;
    contentHash: string;
    comment: string | null;
    decider: { email: string };
  }[];
};

describe("reports: lifecycle and integrity", () => {
  let t: TestApp;
  let chief: string;
  let coordinator: string;
  let reportId: string;

  const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;
  const reportRow = () =>
    t.database.prisma.report.findUniqueOrThrow({ where: { id: Buffer.from(reportId, "base64").toString().split(":")[1]! } });
  async function mutate(query: string, token: string, variables: Record<string, unknown>) {
    return t.graphql<Record<string, { report: ReportData }>>(query, { token, variables });
  }

  beforeAll(async () => {
    t = await createTestApp({ profiles: [townReport] });
    chief = await t.tokenFor("metro", "CHIEF");
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    const enabled = await t.graphql(CONFIGURE, {
      token: chief,
      variables: { input: { profileId: "town-report", enabled: true, settings: {} } },
    });
    expect(enabled.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it("lists the templates of the agency's enabled profiles, with the approver from its settings", async () => {
    const response = await t.graphql(
      `{ reportTemplates { key period perUnit preparedBy approverRole approverMustDiffer sections { key clauses } } }`,
      {
        token: coordinator,
      },
    );
    expect(response.data).toEqual({
      reportTemplates: [
        {
          key: "town-report.quarterly",
          period: "QUARTERLY",
          perUnit: false,
          preparedBy: ["COORDINATOR"],
          approverRole: "CHIEF",
          approverMustDiffer: true,
          sections: [
            { key: "partners", clauses: ["TEST-1"] },
            { key: "trend", clauses: [] },
          ],
        },
      ],
    });
    const lakeview = await t.graphql(`{ reportTemplates { key } }`, { token: await t.tokenFor("lakeview", "CHIEF") });
    expect(lakeview.data).toEqual({ reportTemplates: [] });
  });

  it("builds version 1 from every section builder, hashes it and audits the creation", async () => {
    const response = await mutate(CREATE, coordinator, {
      input: { templateKey: "town-report.quarterly", periodStart: "2026-01-01" },
    });
    expect(response.errors).toBeUndefined();
    const report = response.data!.createReport!.report;
    reportId = report.id;
    expect(report).toMatchObject({ status: "DRAFT", currentVersionNumber: 1, decisions: [] });
    expect(report.currentVersion.sections.map((section) => section.key)).toEqual(["partners", "trend"]);
    expect(report.currentVersion.sections[0]!.body).toMatch(/^We work with \d+ partners\./);
    expect(report.currentVersion.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.currentVersion.intact).toBe(true);
    const row = await reportRow();
    expect(row.periodEnd.toISOString().slice(0, 10)).toBe("2026-03-31");
    expect(await t.database.prisma.auditEvent.count({ where: { action: "report.create", entityId: row.id } })).toBe(1);
  });

  it("refuses a second report for the same period, a member, an unknown template and a unit on an agency-wide report", async () => {
    const before = await t.database.prisma.report.count();
    const again = await mutate(CREATE, coordinator, {
      input: { templateKey: "town-report.quarterly", periodStart: "2026-01-01" },
    });
    expect(codeOf(again)).toBe("CONFLICT");
    const member = await mutate(CREATE, await t.tokenFor("metro", "MEMBER"), {
      input: { templateKey: "town-report.quarterly", periodStart: "2026-04-01" },
    });
    expect(codeOf(member)).toBe("FORBIDDEN");
    const unknown = await mutate(CREATE, coordinator, { input: { templateKey: "nope", periodStart: "2026-04-01" } });
    expect(codeOf(unknown)).toBe("BAD_USER_INPUT");
    expect(unknown.errors?.[0]?.message).toMatch(/input\.templateKey/);
    const unit = await t.database.prisma.orgUnit.findFirstOrThrow({ where: { name: "Eastside Station" } });
    const withUnit = await mutate(CREATE, coordinator, {
      input: {
        templateKey: "town-report.quarterly",
        periodStart: "2026-04-01",
        unitId: Buffer.from(`OrgUnit:${unit.id}`).toString("base64"),
      },
    });
    expect(codeOf(withUnit)).toBe("BAD_USER_INPUT");
    expect(withUnit.errors?.[0]?.message).toMatch(/input\.unitId/);
    expect(await t.database.prisma.report.count()).toBe(before);
  });

  it("refuses to publish what is not approved (FORBIDDEN) and to approve what was not submitted (CONFLICT)", async () => {
    const publish = await mutate(PUBLISH, chief, { id: reportId });
    expect(codeOf(publish)).toBe("FORBIDDEN");
    expect(publish.errors?.[0]?.message).toMatch(/approved/);
    const approve = await mutate(APPROVE, chief, { input: { reportId, versionNumber: 1 } });
    expect(codeOf(approve)).toBe("CONFLICT");
    expect((await reportRow()).status).toBe("DRAFT");
    expect(await t.database.prisma.reportDecision.count()).toBe(0);
  });

  it("returns a submitted report with the approver's comment; an edit makes version 2", async () => {
    expect((await mutate(SUBMIT, coordinator, { id: reportId })).data).toEqual({
      submitReport: { report: { status: "SUBMITTED" } },
    });
    const returned = await mutate(RETURN, chief, { input: { reportId, comment: "Name the partners you lost." } });
    expect(returned.errors).toBeUndefined();
    expect(returned.data!.returnReport!.report).toMatchObject({
      status: "RETURNED",
      decisions: [
        {
          decision: "RETURNED",
          versionNumber: 1,
          comment: "Name the partners you lost.",
          decider: { email: "chief@metro.example" },
        },
      ],
    });
    const edited = await mutate(EDIT, coordinator, {
      input: { reportId, expectedVersion: 1, key: "partners", body: "We work with our partners.\nTwo left this quarter." },
    });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateReportSection!.report).toMatchObject({ status: "DRAFT", currentVersionNumber: 2 });
  });

  it("refuses an edit based on a stale version, naming the current one, and writes nothing", async () => {
    const versions = await t.database.prisma.reportVersion.count();
    const stale = await mutate(EDIT, coordinator, {
      input: { reportId, expectedVersion: 1, key: "partners", body: "Overwrite." },
    });
    expect(codeOf(stale)).toBe("CONFLICT");
    expect(stale.errors?.[0]?.message).toMatch(/version 2/);
    const noSection = await mutate(EDIT, coordinator, { input: { reportId, expectedVersion: 2, key: "missing", body: "x" } });
    expect(codeOf(noSection)).toBe("BAD_USER_INPUT");
    expect(await t.database.prisma.reportVersion.count()).toBe(versions);
  });

  it("lets only the template's approver role approve, refuses a stale version, and records version and hash", async () => {
    await mutate(SUBMIT, coordinator, { id: reportId });
    const byCoordinator = await mutate(APPROVE, coordinator, { input: { reportId, versionNumber: 2 } });
    expect(codeOf(byCoordinator)).toBe("FORBIDDEN");
    const stale = await mutate(APPROVE, chief, { input: { reportId, versionNumber: 1 } });
    expect(codeOf(stale)).toBe("CONFLICT");
    expect(stale.errors?.[0]?.message).toMatch(/version 2/);
    const approved = await mutate(APPROVE, chief, { input: { reportId, versionNumber: 2 } });
    expect(approved.errors).toBeUndefined();
    const report = approved.data!.approveReport!.report;
    expect(report.status).toBe("APPROVED");
    const approval = report.decisions.find((decision) => decision.decision === "APPROVED")!;
    expect(approval).toMatchObject({
      versionNumber: 2,
      contentHash: report.currentVersion.contentHash,
      decider: { email: "chief@metro.example" },
    });
    const stored = await t.database.prisma.reportVersion.findFirstOrThrow({
      where: { number: 2, report: { id: (await reportRow()).id } },
    });
    expect(contentHash(stored.sections as never)).toBe(approval.contentHash);
    expect(await t.database.prisma.auditEvent.count({ where: { action: "report.approve" } })).toBe(1);
  });

  it("refuses to approve the same report twice", async () => {
    const again = await mutate(APPROVE, chief, { input: { reportId, versionNumber: 2 } });
    expect(codeOf(again)).toBe("CONFLICT");
    expect(await t.database.prisma.reportDecision.count({ where: { decision: "APPROVED" } })).toBe(1);
  });

  it("publishes the approved version", async () => {
    const published = await mutate(PUBLISH, chief, { id: reportId });
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishReport!.report).toMatchObject({ status: "PUBLISHED", publishedVersionNumber: 2 });
  });

  it("never changes approved content: an edit makes a new draft version and the public keeps the approved one", async () => {
    const approvedBefore = await t.database.prisma.reportVersion.findFirstOrThrow({
      where: { number: 2, reportId: (await reportRow()).id },
    });
    const edited = await mutate(EDIT, coordinator, {
      input: { reportId, expectedVersion: 2, key: "partners", body: "We work with our partners.\nThree joined this quarter." },
    });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateReportSection!.report).toMatchObject({
      status: "DRAFT",
      currentVersionNumber: 3,
      publishedVersionNumber: 2,
    });
    const approvedAfter = await t.database.prisma.reportVersion.findFirstOrThrow({ where: { id: approvedBefore.id } });
    expect(approvedAfter.sections).toEqual(approvedBefore.sections);
    expect(approvedAfter.contentHash).toBe(approvedBefore.contentHash);
  });

  it("shows the difference between two versions section by section, line by line", async () => {
    const response = await t.graphql<{
      node: { diff: { key: string; change: string; lines: { kind: string; text: string }[] }[] };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Report { diff(from: 2, to: 3) { key change dataChanged lines { kind text } } } } }`,
      { token: coordinator, variables: { id: reportId } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.node.diff).toEqual([
      {
        key: "partners",
        change: "CHANGED",
        dataChanged: false,
        lines: [
          { kind: "SAME", text: "We work with our partners." },
          { kind: "REMOVED", text: "Two left this quarter." },
          { kind: "ADDED", text: "Three joined this quarter." },
        ],
      },
      { key: "trend", change: "UNCHANGED", dataChanged: false, lines: [] },
    ]);
    const missing = await t.graphql(`query ($id: ID!) { node(id: $id) { ... on Report { diff(from: 1, to: 9) { key } } } }`, {
      token: coordinator,
      variables: { id: reportId },
    });
    expect(codeOf(missing)).toBe("NOT_FOUND");
    expect(missing.errors?.[0]?.message).toMatch(/^to:/);
  });

  it("lists every version as history, newest first", async () => {
    const response = await t.graphql<{ node: { versions: { number: number }[] } }>(
      `query ($id: ID!) { node(id: $id) { ... on Report { versions { number } } } }`,
      { token: coordinator, variables: { id: reportId } },
    );
    expect(response.data!.node.versions.map((version) => version.number)).toEqual([3, 2, 1]);
  });

  it("refuses the Chief approving a report the Chief prepared when the template requires another person", async () => {
    const created = await mutate(CREATE, chief, { input: { templateKey: "town-report.quarterly", periodStart: "2026-04-01" } });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createReport!.report.id;
    await mutate(SUBMIT, chief, { id });
    const self = await mutate(APPROVE, chief, { input: { reportId: id, versionNumber: 1 } });
    expect(codeOf(self)).toBe("FORBIDDEN");
    expect(self.errors?.[0]?.message).toMatch(/another person/);
    expect(await t.database.prisma.reportDecision.count({ where: { decision: "APPROVED" } })).toBe(1);
  });

  it("filters the reports list by status and template, with a total count", async () => {
    const response = await t.graphql<{ reports: { totalCount: number; edges: { node: { status: string } }[] } }>(
      `{ reports(filter: { templateKey: "town-report.quarterly", status: SUBMITTED }) { totalCount edges { node { status } } } }`,
      { token: coordinator },
    );
    expect(response.data!.reports).toEqual({ totalCount: 1, edges: [{ node: { status: "SUBMITTED" } }] });
  });

  it("hides one agency's report from another: the ID reads like a missing one", async () => {
    const lakeviewChief = await t.tokenFor("lakeview", "CHIEF");
    const read = await t.graphql(`query ($id: ID!) { node(id: $id) { id } }`, {
      token: lakeviewChief,
      variables: { id: reportId },
    });
    expect(read.data).toEqual({ node: null });
    const list = await t.graphql<{ reports: { totalCount: number } }>(`{ reports { totalCount } }`, { token: lakeviewChief });
    expect(list.data!.reports.totalCount).toBe(0);
    const approve = await mutate(APPROVE, lakeviewChief, { input: { reportId, versionNumber: 3 } });
    expect(codeOf(approve)).toBe("NOT_FOUND");
    expect(approve.errors?.[0]?.message).toBe("input.reportId: no such record");
  });
});
