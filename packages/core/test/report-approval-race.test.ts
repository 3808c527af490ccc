import { createTestApp, postgresAvailable, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "../src/reports/content-hash.ts";
import { enableReviewReports, quarterStart, reviewReportProfile } from "./support/review-report-profile.ts";

// DI-03: the Chief approves version N while the coordinator saves an edit of version N.
// When the two overlap, one wins and the other is refused; when the approval commits before
// the edit reads the report, both succeed in turn (an approved report may be edited into a
// new draft version). Either way a report never ends APPROVED with content other than what
// was approved, and approved content never changes.

const REPORTS = 6;
const ROUNDS = 15;

const REPORT = `query ($id: ID!) { node(id: $id) { ... on Report { id status currentVersionNumber } } }`;
const CREATE = `mutation ($input: CreateReportInput!) { createReport(input: $input) { report { id } } }`;
const EDIT = `mutation ($input: UpdateReportSectionInput!) { updateReportSection(input: $input) { report { status currentVersionNumber } } }`;
const SUBMIT = `mutation ($id: ID!) { submitReport(reportId: $id) { report { status } } }`;
const APPROVE = `mutation ($input: ApproveReportInput!) { approveReport(input: $input) { report { status } } }`;

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const headStart = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgresAvailable)("approve-vs-edit race on PostgreSQL (DI-03)", () => {
  let t: TestApp;
  let chief: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await createTestApp({ database: "postgres", profiles: [reviewReportProfile] });
    await enableReviewReports(t, "metro");
    chief = await t.tokenFor("metro", "CHIEF");
    coordinator = await t.tokenFor("metro", "COORDINATOR");
  });
  afterAll(() => t?.close());

  async function mustSucceed(query: string, token: string, variables: Record<string, unknown>) {
    const answer = await t.graphql(query, { token, variables });
    if (answer.errors) throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(answer.errors)}`);
    return answer.data as Record<string, { report: Record<string, unknown> }>;
  }

  async function currentState(id: string) {
    const answer = await t.graphql<{ node: { status: string; currentVersionNumber: number } }>(REPORT, {
      token: chief,
      variables: { id },
    });
    return answer.data!.node;
  }

  /** Brings the report to SUBMITTED at some version N and returns N. */
  async function submitted(id: string): Promise<number> {
    const state = await currentState(id);
    if (state.status === "APPROVED") {
      await mustSucceed(EDIT, coordinator, {
        input: { reportId: id, expectedVersion: state.currentVersionNumber, key: "next", body: "Reopened." },
      });
    }
    await mustSucceed(SUBMIT, coordinator, { id });
    const now = await currentState(id);
    expect(now.status).toBe("SUBMITTED");
    return now.currentVersionNumber;
  }

  /** What the database holds for a report: its status, current content and approvals. */
  async function stored(globalId: string) {
    const db = await t.agencyDb("metro");
    const id = Buffer.from(globalId, "base64").toString().split(":")[1]!;
    const report = await db.report.findUniqueOrThrow({ where: { id } });
    const current = await db.reportVersion.findUniqueOrThrow({
      where: { reportId_number: { reportId: id, number: report.currentVersion } },
    });
    const approvals = await db.reportDecision.findMany({
      where: { reportId: id, decision: "APPROVED" },
      orderBy: { decidedAt: "asc" },
    });
    return { report, current, approvals };
  }

  async function approvedVersion(globalId: string, number: number) {
    const db = await t.agencyDb("metro");
    const reportId = Buffer.from(globalId, "base64").toString().split(":")[1]!;
    return db.reportVersion.findUniqueOrThrow({ where: { reportId_number: { reportId, number } } });
  }

  it("lets exactly one of a racing approval and edit win, and never leaves approved content changed", async () => {
    const ids: string[] = [];
    for (let n = 0; n < REPORTS; n++) {
      const created = await mustSucceed(CREATE, coordinator, {
        input: { templateKey: "review.quarterly", periodStart: quarterStart(n) },
      });
      ids.push(created.createReport!.report.id as string);
    }
    const outcomes = { approved: 0, edited: 0, approvedThenEdited: 0 };
    const approvalsSoFar = new Map<string, number>(ids.map((id) => [id, 0]));

    for (let round = 0; round < ROUNDS; round++) {
      const versions = await Promise.all(ids.map(submitted));
      // Every report's approval and edit are sent together, all reports at once. The approval
      // does more reads before its transaction than the edit, so the edit starts a little
      // later by a varying head start: both orders of commit then happen.
      const answers = await Promise.all(
        ids.flatMap((id, i) => [
          t.graphql(APPROVE, { token: chief, variables: { input: { reportId: id, versionNumber: versions[i] } } }),
          headStart(((round * REPORTS + i) % 6) * 8).then(() =>
            t.graphql(EDIT, {
              token: coordinator,
              variables: {
                input: { reportId: id, expectedVersion: versions[i], key: "summary", body: `Round ${round} edit.` },
              },
            }),
          ),
        ]),
      );
      for (const [i, id] of ids.entries()) {
        const approve = answers[2 * i]!;
        const edit = answers[2 * i + 1]!;
        const { report, current, approvals } = await stored(id);
        // The hash stored with the version is the hash of what it holds.
        expect(contentHash(current.sections as never)).toBe(current.contentHash);
        if (!approve.errors && !edit.errors) {
          // No race: the approval committed before the edit read the report, so the edit was of
          // an approved report, which is allowed and makes a new draft version after it. The
          // approved version itself is untouched.
          outcomes.approvedThenEdited++;
          approvalsSoFar.set(id, approvalsSoFar.get(id)! + 1);
          expect(report.status).toBe("DRAFT");
          expect(report.currentVersion).toBe(versions[i]! + 1);
          const approval = approvals.at(-1)!;
          expect(approval.versionNumber).toBe(versions[i]);
          const approved = await approvedVersion(id, versions[i]!);
          expect(approved.contentHash).toBe(approval.contentHash);
          expect(contentHash(approved.sections as never)).toBe(approval.contentHash);
        } else {
          // A race: exactly one wins and the other is told the report changed.
          const loser = approve.errors ? approve : edit;
          expect(approve.errors && edit.errors, `round ${round}, report ${i}: one of approve/edit wins`).toBeFalsy();
          expect(codeOf(loser), JSON.stringify(loser.errors)).toBe("CONFLICT");
          if (!approve.errors) {
            outcomes.approved++;
            approvalsSoFar.set(id, approvalsSoFar.get(id)! + 1);
            expect(report.status).toBe("APPROVED");
            expect(report.currentVersion).toBe(versions[i]);
            const approval = approvals.at(-1)!;
            expect(approval.versionNumber).toBe(report.currentVersion);
            expect(approval.contentHash).toBe(current.contentHash);
          } else {
            outcomes.edited++;
            expect(report.status).toBe("DRAFT");
            expect(report.currentVersion).toBe(versions[i]! + 1);
          }
        }
        // A refused approval leaves no decision behind.
        expect(approvals).toHaveLength(approvalsSoFar.get(id)!);
      }
    }
    // Both orders of a real race happened, not only approvals that finished before the edit began.
    expect(outcomes.approved, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.edited, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.approved + outcomes.edited + outcomes.approvedThenEdited).toBe(REPORTS * ROUNDS);
  });
});
