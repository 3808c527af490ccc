import type { ReportSectionContent, SectionBuildContext } from "@roundtable/core";
import type { Prisma } from "@roundtable/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annualEngagementReportSettings } from "../settings.ts";
import { type Brookfield, createBrookfield, day } from "../testing/brookfield.ts";
import { annualReport } from "./annual-report.ts";

type Built = Omit<ReportSectionContent, "key" | "title">;

describe("the annual community engagement report template (CE-06)", () => {
  let town: Brookfield;
  let ctx: SectionBuildContext<ReturnType<typeof annualEngagementReportSettings.parse>>;
  const build = (key: string): Promise<Built> => {
    const section = annualReport.sections.find((candidate) => candidate.key === key);
    if (!section) throw new Error(`no section ${key}`);
    return section.build(ctx);
  };

  beforeAll(async () => {
    town = await createBrookfield();
    const { prisma, agencyId } = town;
    const strategy = (data: {
      title: string;
      category: string;
      status?: "ACTIVE" | "COMPLETED" | "PLANNED";
      goals?: string[];
      startsOn?: Date;
      endsOn?: Date;
      createdAt: Date;
      updatedAt?: Date;
      version?: number;
    }) => prisma.engagementStrategy.create({ data: { agencyId, updatedAt: data.createdAt, ...data } });
    const cadets = await strategy({
      title: "Junior Cadets",
      category: "ce-a-youth-programs",
      goals: ["Reach 200 students", "Run 10 sessions"],
      startsOn: day("2025-01-10"),
      createdAt: day("2025-01-05"),
    });
    await strategy({
      title: "Spring Academy",
      category: "citizens-academy",
      status: "COMPLETED",
      startsOn: day("2025-03-01"),
      endsOn: day("2025-05-30"),
      createdAt: day("2024-11-01"),
      updatedAt: day("2025-06-02"),
      version: 3,
    });
    await strategy({ title: "Ride-alongs", category: "ce-i-encounter-transparency", createdAt: day("2023-02-01") });
    await strategy({
      title: "Newsletter",
      category: "ce-e-sharing-information",
      createdAt: day("2022-01-01"),
      updatedAt: day("2025-08-01"),
      version: 2,
    });
    await strategy({
      title: "Never started",
      category: "ce-f-joint-areas-of-concern",
      status: "PLANNED",
      createdAt: day("2026-01-15"),
    });
    const school = await prisma.stakeholder.create({ data: { agencyId, name: "Lincoln High", kind: "SCHOOL" } });
    const club = await prisma.stakeholder.create({ data: { agencyId, name: "Boys & Girls Club", kind: "YOUTH_GROUP" } });
    type Extra = Omit<Prisma.ActivityUncheckedCreateInput, "agencyId" | "title" | "startsAt">;
    const activity = async (title: string, startsAt: string, extra: Extra, stakeholderIds: string[] = []) => {
      const row = await prisma.activity.create({ data: { agencyId, title, startsAt: new Date(startsAt), ...extra } });
      for (const stakeholderId of stakeholderIds) {
        await prisma.activityStakeholder.create({ data: { agencyId, activityId: row.id, stakeholderId } });
      }
    };
    await activity(
      "Cadets kickoff",
      "2025-03-02T17:00:00Z",
      { kind: "YOUTH_PROGRAM_SESSION", strategyId: cadets.id, attendanceCount: 40 },
      [school.id, club.id],
    );
    await activity("Cadets | field day", "2025-04-05T15:00:00Z", { kind: "EVENT", strategyId: cadets.id }, [club.id]);
    await activity("Cadets preview", "2024-12-15T17:00:00Z", { kind: "EVENT", strategyId: cadets.id, attendanceCount: 12 });
    await activity("Northside block meeting", "2025-06-01T23:00:00Z", {
      kind: "COMMUNITY_MEETING",
      attendanceCount: 25,
      departmentSponsored: false,
    });
    await activity("Chief's town hall", "2025-09-10T23:00:00Z", { kind: "COMMUNITY_MEETING", attendanceCount: 80 });
    await prisma.strategyAreaReason.create({
      data: { agencyId, categoryKey: "ce-c-educating-on-policy", year: 2025, reason: "Policy briefings *resume* in 2026." },
    });
    ctx = {
      db: town.db,
      agency: town.agency,
      period: { start: day("2025-01-01"), end: day("2025-12-31") },
      settings: annualEngagementReportSettings.parse({}),
      now: day("2026-01-20"),
    };
  });
  afterAll(() => town.close());

  it("is prepared by the coordinator and approved by someone else in the role the settings name", () => {
    expect(annualReport).toMatchObject({
      key: "annual-engagement-report.annual-report",
      period: "ANNUAL",
      perUnit: false,
      preparedBy: ["COORDINATOR"],
      approverMustDiffer: true,
    });
    const approver = annualReport.approverRole as (settings: { approverRole: string }) => string;
    expect(approver(annualEngagementReportSettings.parse({}))).toBe("CHIEF");
    expect(annualReport.sections.map((section) => section.key)).toEqual([
      ..."abcdefghi".split("").map((letter) => `area-${letter}`),
      "community-meetings",
      "what-changed",
      "participation",
    ]);
  });

  it("reports an area's strategies, the year's activities, participation and outcomes", async () => {
    const section = await build("area-a");
    expect(section.body).toBe(
      [
        "### Strategies",
        "- Junior Cadets (from 2025-01-10)",
        "### Participation",
        "2 activities, 40 attendees recorded (attendance was not recorded for 1 activity), 2 distinct community partners.",
        "### Outcomes",
        "- Junior Cadets: active. Goals: Reach 200 students; Run 10 sessions.",
        "### Activities",
        "The 2 activities held under these strategies in 2025:",
      ].join("\n\n"),
    );
    expect(section.table).toEqual({
      columns: ["Date", "Activity", "Kind", "Attendance"],
      rows: [
        ["2025-03-02", "Cadets kickoff", "Youth program session", 40],
        ["2025-04-05", "Cadets | field day", "Event", "not recorded"],
      ],
    });
  });

  it("counts a strategy filed under the matching core category, and one that ran before the year", async () => {
    expect((await build("area-b")).body).toMatch(/^### Strategies\n\n- Spring Academy \(from 2025-03-01 to 2025-05-30\)/);
    expect((await build("area-i")).body).toMatch(/- Ride-alongs: active\. No goals recorded\./);
  });

  it("says why an area had no strategy, or that no reason was recorded", async () => {
    expect((await build("area-c")).body).toBe(
      "No strategy addressed this area in 2025. Reason recorded: Policy briefings \\*resume\\* in 2026.",
    );
    expect((await build("area-f")).body).toBe("No strategy addressed this area in 2025. No reason was recorded.");
  });

  it("lists the community meetings attended, hosted by the department or by the community (CE-04h)", async () => {
    const section = await build("community-meetings");
    expect(section.body).toBe(
      "Members attended 2 community meetings in 2025 (1 hosted by the department, 1 by the community), with 105 attendees recorded:",
    );
    expect(section.table?.rows).toEqual([
      ["2025-06-01", "Northside block meeting", "Community", 25],
      ["2025-09-10", "Chief's town hall", "Department", 80],
    ]);
  });

  it("tells what changed: strategies started, changed and completed in the year", async () => {
    const section = await build("what-changed");
    expect(section.body).toBe(
      [
        "In 2025: 1 new, 1 changed and 1 completed strategies.",
        "### New\n\n- Junior Cadets ((a) Youth programs)",
        "### Changed\n\n- Newsletter ((e) Sharing, receiving and providing information to the public)",
        "### Completed\n\n- Spring Academy ((b) Citizens police academy)",
      ].join("\n\n"),
    );
  });

  it("charts the activities per area", async () => {
    const section = await build("participation");
    expect(section.chart).toMatchObject({ kind: "bar", title: "Activities per area, 2025" });
    expect(section.chart?.labels[0]).toBe("(a) Youth programs");
    expect(section.chart?.series).toEqual([{ name: "Activities", values: [2, 0, 0, 0, 0, 0, 0, 0, 0] }]);
    expect(section.body).toMatch(
      /^In 2025 the department's strategies addressed 4 of the 9 areas, through 2 activities with 40 attendees recorded\./,
    );
  });

  it("reads only the agency's own rows", async () => {
    const other = await town.prisma.agency.create({
      data: { slug: "othertown", name: "Othertown PD", kind: "POLICE_DEPARTMENT" },
    });
    await town.prisma.activity.create({
      data: { agencyId: other.id, title: "Othertown forum", kind: "COMMUNITY_MEETING", startsAt: day("2025-05-05") },
    });
    expect((await build("community-meetings")).body).not.toMatch(/Othertown/);
  });
});
