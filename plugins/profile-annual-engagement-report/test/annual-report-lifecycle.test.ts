import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Brookfield, createBrookfield, day } from "../src/testing/brookfield.ts";

const RULE = "annual-engagement-report.annual-report-approved";
const CREATE = `mutation { createReport(input: { templateKey: "annual-engagement-report.annual-report", periodStart: "2025-01-01" }) {
  report { id status currentVersion { number sections { key title body } } }
} }`;

type Findings = { compliance: { findings: { severity: string; message: string }[] } };

/**
 * The annual report through the core report engine: the coordinator prepares it from the
 * profile's template, the Chief approves it, and the CE-06 finding resolves on the
 * `report.*` events, without anyone re-running compliance by hand.
 */
describe("the annual report from draft to approval (CE-06)", () => {
  let town: Brookfield;
  let reportId: string;
  const openFindings = async () => {
    await town.t.settle();
    const response = await town.t.graphql<Findings>(
      `query ($ruleId: String) { compliance { findings(filter: { ruleId: $ruleId }) { severity message } } }`,
      { token: town.chiefToken, variables: { ruleId: RULE } },
    );
    return response.data!.compliance.findings.filter((finding) => finding.message.includes("for 2025"));
  };

  beforeAll(async () => {
    town = await createBrookfield();
    await town.prisma.agencyProfile.updateMany({ data: { createdAt: day("2024-06-01") } });
    await town.prisma.engagementStrategy.create({
      data: { agencyId: town.agencyId, title: "Junior Cadets", category: "ce-a-youth-programs", createdAt: day("2025-01-05") },
    });
  });
  afterAll(() => town.close());

  it("is prepared by the coordinator from the profile's sections", async () => {
    expect(await town.findings(RULE)).toContainEqual(expect.objectContaining({ severity: "VIOLATION" }));
    const created = await town.t.graphql<{
      createReport: {
        report: { id: string; status: string; currentVersion: { sections: { key: string; title: string; body: string }[] } };
      };
    }>(CREATE, { token: town.coordinatorToken });
    expect(created.errors).toBeUndefined();
    const report = created.data!.createReport.report;
    reportId = report.id;
    expect(report.status).toBe("DRAFT");
    expect(report.currentVersion.sections[0]).toMatchObject({
      key: "area-a",
      title: "Area (a) Youth programs",
      body: expect.stringContaining("- Junior Cadets"),
    });
    expect(report.currentVersion.sections.map((section) => section.key).slice(-3)).toEqual([
      "community-meetings",
      "what-changed",
      "participation",
    ]);
    expect((await openFindings())[0]?.message).toMatch(/it is draft\.$/);
  });

  it("cannot be approved by the coordinator who prepared it, and resolves the finding once the Chief approves", async () => {
    const submitted = await town.t.graphql(`mutation ($id: ID!) { submitReport(reportId: $id) { report { status } } }`, {
      token: town.coordinatorToken,
      variables: { id: reportId },
    });
    expect(submitted.errors).toBeUndefined();
    const APPROVE = `mutation ($id: ID!) { approveReport(input: { reportId: $id, versionNumber: 1 }) { report { status } } }`;
    const byPreparer = await town.t.graphql(APPROVE, { token: town.coordinatorToken, variables: { id: reportId } });
    expect(byPreparer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const byChief = await town.t.graphql(APPROVE, { token: town.chiefToken, variables: { id: reportId } });
    expect(byChief.data).toEqual({ approveReport: { report: { status: "APPROVED" } } });
    expect(await openFindings()).toEqual([]);
  });
});
