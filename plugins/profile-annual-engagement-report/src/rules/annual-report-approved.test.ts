import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANNUAL_REPORT_KEY } from "../reports/annual-report-key.ts";
import { type Brookfield, createBrookfield, day } from "../testing/brookfield.ts";
import { annualReportApproved } from "./annual-report-approved.ts";

const RULE = "annual-engagement-report.annual-report-approved";

describe("annual-engagement-report.annual-report-approved (CE-06)", () => {
  let town: Brookfield;
  const report = (year: number, status: "DRAFT" | "SUBMITTED" | "APPROVED" | "PUBLISHED") =>
    town.prisma.report.create({
      data: {
        agencyId: town.agencyId,
        profileId: "annual-engagement-report",
        templateKey: ANNUAL_REPORT_KEY,
        title: `Annual Community Engagement Report ${year}`,
        periodStart: day(`${year}-01-01`),
        periodEnd: day(`${year}-12-31`),
        status,
      },
    });

  beforeAll(async () => {
    town = await createBrookfield();
    // The agency adopted the policy in mid-2024: 2024 is the first year it owes a report for.
    await town.prisma.agencyProfile.updateMany({ data: { createdAt: day("2024-06-01") } });
  });
  afterAll(() => town.close());

  it("flags a year whose report was not approved by 31 March, and warns about the one still in its window", async () => {
    const findings = await town.evaluateAt(annualReportApproved, day("2026-02-10"));
    expect(findings).toEqual([
      expect.objectContaining({
        key: "annual-report:2025",
        severity: "WARNING",
        dueAt: day("2026-03-31"),
        message:
          "The annual community engagement report for 2025 is due for approval by the Chief/Sheriff on 2026-03-31; no report has been started.",
      }),
      expect.objectContaining({
        key: "annual-report:2024",
        severity: "VIOLATION",
        dueAt: day("2025-03-31"),
        message:
          "The annual community engagement report for 2024 was due for approval by the Chief/Sheriff on 2025-03-31; no report has been started.",
      }),
    ]);
  });

  it("does not ask for years that ended before the agency enabled the profile", async () => {
    const findings = await town.evaluateAt(annualReportApproved, day("2026-02-10"));
    expect(findings.map((finding) => finding.key)).not.toContain("annual-report:2023");
  });

  it("resolves a year once its report is approved; a submitted report is still overdue after the due day", async () => {
    await report(2024, "APPROVED");
    const submitted = await report(2025, "SUBMITTED");
    expect(await town.evaluateAt(annualReportApproved, day("2026-03-31"))).toEqual([
      expect.objectContaining({ severity: "WARNING", subjectType: "Report", subjectId: submitted.id }),
    ]);
    const [overdue, ...rest] = await town.evaluateAt(annualReportApproved, day("2026-04-01"));
    expect(rest).toEqual([]);
    expect(overdue).toMatchObject({ severity: "VIOLATION", subjectType: "Report", subjectId: submitted.id });
    expect(overdue?.message).toBe(
      "The annual community engagement report for 2025 was due for approval by the Chief/Sheriff on 2026-03-31; it is submitted.",
    );
    await town.prisma.report.update({ where: { id: submitted.id }, data: { status: "PUBLISHED" } });
    expect(await town.evaluateAt(annualReportApproved, day("2026-04-01"))).toEqual([]);
  });

  it("follows the agency's fiscal year and due day", async () => {
    const [finding] = await town.evaluateAt(annualReportApproved, day("2025-10-15"), {
      reportYearStartMonth: 7,
      dueMonthDay: "09-30",
    });
    expect(finding).toMatchObject({ key: "annual-report:2024", severity: "VIOLATION", dueAt: day("2025-09-30") });
    expect(finding?.message).toMatch(/report for 2024-25 was due .* on 2025-09-30/);
  });

  it("shows overdue years among the agency's findings, with the due day", async () => {
    await town.prisma.report.deleteMany({ where: { periodStart: day("2024-01-01") } });
    const findings = await town.findings(RULE);
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: "VIOLATION",
        dueAt: "2025-03-31T00:00:00.000Z",
        message: expect.stringMatching(/for 2024 was due/),
      }),
    );
  });

  it("refuses a due day that does not exist every year, naming the setting", async () => {
    const configured = await town.t.graphql(
      `mutation { configurePolicyProfile(input: { profileId: "annual-engagement-report", enabled: true, settings: { dueMonthDay: "02-29" } }) { id } }`,
      { token: town.chiefToken },
    );
    expect(configured.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(configured.errors?.[0]?.message).toMatch(/input\.settings\.dueMonthDay: must be a day that exists in every year/);
  });
});
