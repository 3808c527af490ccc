import type { GraphQLResponse, TestApp } from "@roundtable/testing";
import type { Operation, Slug } from "./concurrent-operations.ts";
import { enableReviewReports, quarterStart } from "./review-report-profile.ts";

/**
 * What the concurrency invariants test knows about one agency: the documents operations
 * aim at, the versions a client last read, and every acknowledged outcome. Invariants
 * compare the database with these tallies; the versions are re-read after each batch, as a
 * client reloads before it edits again.
 */
export interface Tracked {
  id: string;
  /** The version when tracking began. */
  base: number;
  /** The version a client last read (what the next batch sends as expectedVersion). */
  version: number;
  /** Acknowledged updates so far. */
  updates: number;
  /** The last acknowledged write: its resulting version and its content. */
  last: { version: number; content: string };
}

export interface TrackedReport {
  id: string;
  currentVersion: number;
  edits: number;
  approvals: number;
}

export interface TrackedActivity {
  id: string;
  code: string;
  initial: number;
  checkIns: number;
  /** Acknowledged member check-ins per member id. */
  byMember: Map<string, number>;
}

export interface AgencyWorld {
  slug: Slug;
  id: string;
  tokens: { coordinator: string; chief: string; member: string };
  /** A signed-in member per role who checks in, with their member id. */
  attendees: { token: string; memberId: string }[];
  stakeholders: Tracked[];
  stakeholdersAtStart: number;
  stakeholdersCreated: number;
  revision: Tracked & { sections: Map<string, { version: number; body: string }> };
  /** By period index: at most one report each, whatever was attempted. */
  reports: Map<number, TrackedReport>;
  activities: TrackedActivity[];
  audit: { successAtStart: number; deniedAtStart: number; successes: number; denied: number };
}

/** One operation as sent and as answered. */
export interface Outcome {
  op: Operation;
  opId: number;
  answer: GraphQLResponse;
  /** Nothing to aim at yet (a report operation before any report exists): not sent. */
  skipped?: boolean;
  /** What the operation aimed at, resolved when it was sent. */
  target?: { tracked?: Tracked; report?: TrackedReport; activity?: TrackedActivity; expected?: number; memberId?: string };
}

export const codeOf = (answer: GraphQLResponse) => answer.errors?.[0]?.extensions?.code as string | undefined;

const ATTENDEE_ROLES = ["MEMBER", "COORDINATOR", "CHIEF", "UNIT_COMMANDER", "AGENCY_ADMIN"] as const;

async function must<Data>(t: TestApp, query: string, token: string | undefined, variables: Record<string, unknown> = {}) {
  const answer = await t.graphql<Data>(query, { token, variables });
  if (answer.errors) throw new Error(`set-up failed: ${query.slice(0, 60)}: ${JSON.stringify(answer.errors)}`);
  return answer.data as Data;
}

/** Prepares an agency: stakeholders, a DRAFT plan revision, three activities with check-in codes. */
export async function prepareAgency(t: TestApp, slug: Slug): Promise<AgencyWorld> {
  await enableReviewReports(t, slug);
  const db = await t.agencyDb(slug);
  const agency = await db.agency.findFirstOrThrow({ select: { id: true } });
  const tokens = {
    coordinator: await t.tokenFor(slug, "COORDINATOR"),
    chief: await t.tokenFor(slug, "CHIEF"),
    member: await t.tokenFor(slug, "MEMBER"),
  };
  const attendees = await Promise.all(
    ATTENDEE_ROLES.map(async (role) => ({
      token: await t.tokenFor(slug, role),
      memberId: (await db.member.findFirstOrThrow({ where: { email: `${role.toLowerCase()}@${slug}.example` } })).id,
    })),
  );
  const stakeholders: Tracked[] = [];
  for (const name of ["North School", "South Church", "East Market"]) {
    const created = await must<{ createStakeholder: { stakeholder: { id: string } } }>(
      t,
      `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { id } } }`,
      tokens.coordinator,
      { name },
    );
    stakeholders.push({
      id: created.createStakeholder.stakeholder.id,
      base: 1,
      version: 1,
      updates: 0,
      last: { version: 1, content: name },
    });
  }
  const plan = await must<{ createPlan: { plan: { id: string } } }>(
    t,
    `mutation ($unitId: ID!) { createPlan(input: { unitId: $unitId, title: "Invariants plan", kind: "INVARIANTS_PLAN" }) { plan { id } } }`,
    tokens.chief,
    { unitId: await t.unitId(slug) },
  );
  const started = await must<{ startPlanRevision: { revision: { id: string; version: number } } }>(
    t,
    `mutation ($planId: ID!) { startPlanRevision(input: { planId: $planId, periodStart: "2031-01-01", periodEnd: "2031-06-30" }) { revision { id version } } }`,
    tokens.chief,
    { planId: plan.createPlan.plan.id },
  );
  const revision = started.startPlanRevision.revision;
  const listed = await must<{ activities: { edges: { node: { id: string; checkInCount: number } }[] } }>(
    t,
    "{ activities(first: 3) { edges { node { id checkInCount } } } }",
    tokens.coordinator,
  );
  const activities: TrackedActivity[] = [];
  for (const { node } of listed.activities.edges) {
    const set = await must<{ setActivityCheckInCode: { code: string } }>(
      t,
      `mutation ($id: ID!) { setActivityCheckInCode(input: { activityId: $id }) { code } }`,
      tokens.coordinator,
      { id: node.id },
    );
    activities.push({
      id: node.id,
      code: set.setActivityCheckInCode.code,
      initial: node.checkInCount,
      checkIns: 0,
      byMember: new Map(),
    });
  }
  if (activities.length < 3) throw new Error(`set-up: ${slug} needs three demo activities`);
  const successAtStart = await db.auditEvent.count({ where: { outcome: "SUCCESS", seq: { not: null } } });
  const deniedAtStart = await db.auditEvent.count({ where: { outcome: "DENIED" } });
  return {
    slug,
    id: agency.id,
    tokens,
    attendees,
    stakeholders,
    stakeholdersAtStart: await db.stakeholder.count(),
    stakeholdersCreated: 0,
    revision: {
      id: revision.id,
      base: revision.version,
      version: revision.version,
      updates: 0,
      last: { version: revision.version, content: "" },
      sections: new Map(),
    },
    reports: new Map(),
    activities,
    audit: { successAtStart, deniedAtStart, successes: 0, denied: 0 },
  };
}

const pickFrom = <T>(items: T[], index: number): T | undefined => (items.length ? items[index % items.length] : undefined);

/** Sends one operation as the role that would send it, aimed at what the world holds now. */
export async function send(t: TestApp, world: AgencyWorld, op: Operation, opId: number): Promise<Outcome> {
  const { tokens } = world;
  const reply = async (
    query: string,
    token: string | undefined,
    variables: Record<string, unknown>,
    target?: Outcome["target"],
  ) => ({
    op,
    opId,
    answer: await t.graphql(query, { token, variables }),
    ...(target ? { target } : {}),
  });
  const reports = [...world.reports.values()];
  switch (op.kind) {
    case "createStakeholder":
      return reply(
        `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: BUSINESS }) { stakeholder { id name version } } }`,
        tokens.coordinator,
        { name: `${op.label} ${opId}` },
      );
    case "updateStakeholder": {
      const tracked = pickFrom(world.stakeholders, op.pick)!;
      const expected = Math.max(1, tracked.version + op.offset);
      return reply(
        `mutation ($input: UpdateStakeholderInput!) { updateStakeholder(input: $input) { stakeholder { id name version } } }`,
        tokens.coordinator,
        { input: { id: tracked.id, expectedVersion: expected, name: `${op.label} ${opId}` } },
        { tracked, expected },
      );
    }
    case "savePlanSection": {
      const expected = Math.max(1, world.revision.version + op.offset);
      return reply(
        `mutation ($input: SavePlanSectionInput!) { savePlanSection(input: $input) { revision { version } } }`,
        tokens.chief,
        {
          input: {
            revisionId: world.revision.id,
            expectedVersion: expected,
            key: op.key,
            title: op.key,
            body: `${op.label} ${opId}`,
          },
        },
        { tracked: world.revision, expected },
      );
    }
    case "createReport":
      return reply(
        `mutation ($input: CreateReportInput!) { createReport(input: $input) { report { id currentVersionNumber } } }`,
        tokens.coordinator,
        { input: { templateKey: "review.quarterly", periodStart: quarterStart(op.period) } },
      );
    case "editReport":
    case "submitReport":
    case "approveReport": {
      const report = pickFrom(reports, op.pick);
      if (!report) return { op, opId, skipped: true, answer: { status: 0, headers: new Headers() } };
      if (op.kind === "submitReport") {
        return reply(
          `mutation ($id: ID!) { submitReport(reportId: $id) { report { status } } }`,
          tokens.coordinator,
          { id: report.id },
          { report },
        );
      }
      const expected = Math.max(1, report.currentVersion + op.offset);
      if (op.kind === "approveReport") {
        return reply(
          `mutation ($input: ApproveReportInput!) { approveReport(input: $input) { report { status } } }`,
          tokens.chief,
          { input: { reportId: report.id, versionNumber: expected } },
          { report, expected },
        );
      }
      return reply(
        `mutation ($input: UpdateReportSectionInput!) { updateReportSection(input: $input) { report { currentVersionNumber } } }`,
        tokens.coordinator,
        { input: { reportId: report.id, expectedVersion: expected, key: "summary", body: `${op.label} ${opId}` } },
        { report, expected },
      );
    }
    case "memberCheckIn": {
      const activity = world.activities[op.activity]!;
      const attendee = world.attendees[op.member]!;
      return reply(
        `mutation ($input: CheckInToActivityInput!) { checkInToActivity(input: $input) { attendance } }`,
        attendee.token,
        { input: { activityId: activity.id } },
        { activity, memberId: attendee.memberId },
      );
    }
    case "codeCheckIn": {
      const activity = world.activities[op.activity]!;
      return reply(
        `mutation ($input: CheckInToActivityInput!) { checkInToActivity(input: $input) { attendance } }`,
        undefined,
        { input: { activityId: activity.id, agencySlug: world.slug, code: activity.code } },
        { activity },
      );
    }
    case "refusedCreate":
      return reply(
        `mutation { createStakeholder(input: { name: "Not allowed", kind: OTHER }) { stakeholder { id } } }`,
        tokens.member,
        {},
      );
  }
}
