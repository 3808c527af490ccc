/**
 * The benchmark's data: two agencies of the size the performance issue names, generated
 * from a seed so every run (and every machine) measures the same rows. At scale 1 each
 * agency has 20 stations, 2,000 members, 500 stakeholders, 20,000 activities, 50,000
 * feedback items, 200 problems with responses, five years of monthly indicators and
 * training records for every member; `scale` shrinks the bulk (not the 20 stations) for
 * quick runs.
 *
 * Run `pnpm tsx bench/data/generate.ts --scale 0.1` to print the row counts and the
 * dataset's fingerprint (the same seed and scale always print the same one).
 */
import { createHash } from "node:crypto";
import { StakeholderKind } from "@roundtable/db";
import { SeededRandom } from "@roundtable/testing";

export type Row = Record<string, unknown>;

/** One table's rows, in an order that satisfies the foreign keys of the tables before it. */
export interface TableRows {
  table: string;
  rows: Row[];
}

/** What the workloads need to know about an agency without asking the database. */
export interface BenchAgency {
  id: string;
  slug: string;
  name: string;
  chiefEmail: string;
  stations: { id: string; name: string }[];
  profiles: string[];
}

export interface Dataset {
  seed: number;
  scale: number;
  agencies: BenchAgency[];
  /** Per agency, its tables in load order. */
  tables: TableRows[][];
}

export const DEFAULT_SEED = 20261123;

const STATIONS = 20;
const FULL = { members: 2000, stakeholders: 500, activities: 20_000, feedback: 50_000, problems: 200 };
const MONTHS_OF_INDICATORS = 60;
/** Data ends here; activities run past it a little, so "upcoming meetings" exist. */
const DATA_END = Date.UTC(2026, 10, 1);
const ACTIVITIES_UNTIL = Date.UTC(2027, 5, 30);
const FIVE_YEARS_MS = 5 * 365 * 86_400_000;
const DAY_MS = 86_400_000;

const AGENCIES = [
  { slug: "north-county", name: "North County Sheriff's Department", kind: "SHERIFF_DEPARTMENT", profiles: ["patrol-cpp"] },
  {
    slug: "south-city",
    name: "South City Police Department",
    kind: "POLICE_DEPARTMENT",
    profiles: ["patrol-cpp", "annual-engagement-report"],
  },
] as const;

const STAKEHOLDER_KINDS = Object.values(StakeholderKind);
const OUTREACH = ["ENGAGED", "ENGAGED", "ENGAGED", "NOT_YET_CONTACTED", "HARD_TO_REACH", "DISTRUSTFUL", "INACTIVE"] as const;
const ACTIVITY_KINDS = ["COMMUNITY_MEETING", "COMMUNITY_MEETING", "EVENT", "OUTREACH", "YOUTH_PROGRAM_SESSION", "ACADEMY_CLASS"];
const CHANNELS = ["MEETING", "SURVEY", "ONLINE", "PHONE", "EMAIL", "IN_PERSON", "OTHER"] as const;
const TOPICS = ["PUBLIC_SAFETY", "QUALITY_OF_LIFE", "OTHER"] as const;
const FEEDBACK_STATUS = ["NEW", "ACKNOWLEDGED", "IN_PROGRESS", "ANSWERED", "CLOSED", "CLOSED"] as const;
const PROBLEM_STATUS = ["SCANNING", "ANALYSIS", "RESPONSE", "RESPONSE", "ASSESSMENT", "CLOSED"] as const;
const RESPONSE_KINDS = ["PREVENTION", "ENFORCEMENT", "PARTNERSHIP", "EDUCATION", "ENVIRONMENTAL_DESIGN", "OTHER"] as const;
const RESPONSE_STATUS = ["PLANNED", "ACTIVE", "COMPLETED", "DISCONTINUED"] as const;
const LANGUAGES = ["es", "zh", "vi", "ko", "tl"] as const;
const SECTION_KEYS = ["community-feedback", "effectiveness", "planned-responses", "community-sharing", "training"];
const STRATEGY_CATEGORIES = [
  "youth-programs",
  "citizens-academy",
  "community-meetings",
  "problem-solving-partnerships",
  "outreach",
];
const INDICATORS = [
  { key: "burglary", name: "Burglaries", category: "CRIME" },
  { key: "vehicle-theft", name: "Vehicle thefts", category: "CRIME" },
  { key: "robbery", name: "Robberies", category: "CRIME" },
  { key: "graffiti", name: "Graffiti reports", category: "QUALITY_OF_LIFE" },
  { key: "noise", name: "Noise complaints", category: "QUALITY_OF_LIFE" },
  { key: "abandoned-vehicles", name: "Abandoned vehicles", category: "QUALITY_OF_LIFE" },
] as const;
const COURSES = [
  { title: "Community policing foundations", hours: 8, delivery: "IN_PERSON" },
  { title: "Procedural justice", hours: 4, delivery: "ONLINE" },
  { title: "Problem solving with SARA", hours: 4, delivery: "IN_PERSON" },
  { title: "Language access at meetings", hours: 2, delivery: "ONLINE" },
] as const;

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const scaled = (full: number, scale: number) => Math.max(1, Math.round(full * scale));

function groupInto(groups: Map<string, string[]>, key: string, value: string) {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

/** The whole dataset for `scale` (1 = the sizes), the same for the same seed. */
export function generateDataset({ scale = 1, seed = DEFAULT_SEED }: { scale?: number; seed?: number } = {}): Dataset {
  const agencies: BenchAgency[] = [];
  const tables: TableRows[][] = [];
  AGENCIES.forEach((spec, index) => {
    const generated = generateAgency(spec, new SeededRandom(seed + index * 7919), scale);
    agencies.push(generated.agency);
    tables.push(generated.tables);
  });
  return { seed, scale, agencies, tables };
}

function generateAgency(spec: (typeof AGENCIES)[number], random: SeededRandom, scale: number) {
  const agencyId = random.uuid();
  const stamp = iso(DATA_END);
  const timestamps = { createdAt: stamp, updatedAt: stamp };
  const tables: TableRows[] = [];
  const add = (table: string, rows: Row[]) => tables.push({ table, rows });

  add("Agency", [{ id: agencyId, slug: spec.slug, name: spec.name, kind: spec.kind, ...timestamps }]);
  add(
    "AgencyProfile",
    spec.profiles.map((profileId) => ({ id: random.uuid(), agencyId, profileId, settings: {}, ...timestamps })),
  );

  const stations = Array.from({ length: STATIONS }, (_, index) => ({
    id: random.uuid(),
    agencyId,
    name: `Station ${String(index + 1).padStart(2, "0")}`,
    kind: "PATROL_STATION",
    code: `S${index + 1}`,
    ...timestamps,
  }));
  add("OrgUnit", stations);

  // Members: the people the workloads sign in as first, a commander per station, then staff.
  const memberCount = scaled(FULL.members, scale);
  const leaders = [
    { role: "CHIEF", email: `chief@${spec.slug}.example` },
    { role: "COORDINATOR", email: `coordinator@${spec.slug}.example` },
    { role: "AGENCY_ADMIN", email: `agency_admin@${spec.slug}.example` },
  ];
  const members = Array.from({ length: Math.max(memberCount, leaders.length + STATIONS) }, (_, index) => {
    const leader = leaders[index];
    const commands = index >= leaders.length && index < leaders.length + STATIONS ? stations[index - leaders.length] : undefined;
    return {
      id: random.uuid(),
      agencyId,
      email: leader?.email ?? `member${index}@${spec.slug}.example`,
      name: `${leader ? leader.role.toLowerCase() : "Officer"} ${String(index).padStart(4, "0")}`,
      kind: random.chance(0.8) ? "SWORN" : "PROFESSIONAL",
      roles: [leader?.role ?? (commands ? "UNIT_COMMANDER" : "MEMBER")],
      unitId: leader ? null : (commands?.id ?? stations[index % STATIONS]!.id),
      languages: random.chance(0.1) ? [random.pick(LANGUAGES)] : [],
      ...timestamps,
    };
  });
  add("Member", members);
  add(
    "OrgUnit.commanderId",
    stations.map((station, index) => ({ id: station.id, commanderId: members[leaders.length + index]!.id })),
  );
  const chief = members[0]!;
  const coordinator = members[1]!;
  const membersByStation = new Map<string, string[]>();
  for (const member of members) {
    if (member.unitId) groupInto(membersByStation, member.unitId, member.id);
  }

  const stakeholders = Array.from({ length: scaled(FULL.stakeholders, scale) }, (_, index) => {
    const kind = random.pick(STAKEHOLDER_KINDS);
    return {
      id: random.uuid(),
      agencyId,
      name: `${kind.toLowerCase().replaceAll("_", " ")} ${String(index).padStart(3, "0")}`,
      kind,
      description: "A partner of the station in the benchmark data.",
      languages: random.chance(0.3) ? random.sample(LANGUAGES, random.int(1, 2)) : [],
      areaId: random.pick(stations).id,
      outreachStatus: random.pick(OUTREACH),
      archivedAt: random.chance(0.05) ? iso(DATA_END - 30 * DAY_MS) : null,
      ...timestamps,
    };
  });
  add("Stakeholder", stakeholders);

  const strategies = STRATEGY_CATEGORIES.flatMap((category, index) =>
    [0, 1].map((copy) => ({
      id: random.uuid(),
      agencyId,
      title: `${category} program ${index * 2 + copy + 1}`,
      category,
      status: "ACTIVE",
      ownerId: coordinator.id,
      ...timestamps,
    })),
  );
  add("EngagementStrategy", strategies);

  const activityStart = ACTIVITIES_UNTIL - FIVE_YEARS_MS;
  const activities = Array.from({ length: scaled(FULL.activities, scale) }, (_, index) => {
    const startsAt = activityStart + Math.floor(random.next() * (ACTIVITIES_UNTIL - activityStart));
    const unit = stations[index % STATIONS]!;
    return {
      id: random.uuid(),
      agencyId,
      kind: random.pick(ACTIVITY_KINDS),
      title: `Activity ${index}`,
      startsAt: iso(startsAt),
      endsAt: iso(startsAt + 2 * 3_600_000),
      location: `${unit.name} community room`,
      unitId: unit.id,
      strategyId: random.chance(0.5) ? random.pick(strategies).id : null,
      departmentSponsored: random.chance(0.85),
      attendanceCount: random.int(5, 80),
      ...timestamps,
    };
  });
  add("Activity", activities);
  add(
    "ActivityParticipant",
    activities.flatMap((activity) =>
      random.sample(membersByStation.get(activity.unitId) ?? [chief.id], random.int(1, 3)).map((memberId) => ({
        id: random.uuid(),
        agencyId,
        activityId: activity.id,
        memberId,
      })),
    ),
  );
  add(
    "ActivityStakeholder",
    activities.flatMap((activity) =>
      random.sample(stakeholders, random.int(0, 2)).map((stakeholder) => ({
        id: random.uuid(),
        agencyId,
        activityId: activity.id,
        stakeholderId: stakeholder.id,
      })),
    ),
  );
  const speakers = members.filter((member) => member.languages.length > 0);
  add(
    "LanguageRequest",
    activities
      .filter(() => random.chance(0.1))
      .map((activity) => {
        const interpreter = random.chance(0.7) ? random.pick(speakers.length > 0 ? speakers : members) : undefined;
        return {
          id: random.uuid(),
          agencyId,
          activityId: activity.id,
          language: random.pick(LANGUAGES),
          interpreterMemberId: interpreter?.id ?? null,
          volunteerName: !interpreter && random.chance(0.66) ? "A volunteer" : null,
        };
      }),
  );

  const feedbackStart = DATA_END - FIVE_YEARS_MS;
  const feedback = Array.from({ length: scaled(FULL.feedback, scale) }, (_, index) => {
    const unit = random.chance(0.9) ? stations[index % STATIONS]! : undefined;
    return {
      id: random.uuid(),
      agencyId,
      channel: random.pick(CHANNELS),
      text: `Feedback ${index}: what the community said about the neighbourhood.`,
      topic: random.pick(TOPICS),
      language: random.chance(0.1) ? random.pick(LANGUAGES) : null,
      criticalOfDepartment: random.chance(0.1),
      status: random.pick(FEEDBACK_STATUS),
      unitId: unit?.id ?? null,
      activityId: random.chance(0.2) ? random.pick(activities).id : null,
      receivedAt: iso(feedbackStart + Math.floor(random.next() * FIVE_YEARS_MS)),
      ...timestamps,
    };
  });
  add("Feedback", feedback);
  const feedbackByStation = new Map<string, string[]>();
  for (const item of feedback) {
    if (item.unitId) groupInto(feedbackByStation, item.unitId, item.id);
  }

  const priorities = stations.flatMap((station) =>
    [1, 2, 3, 4, 5].map((rank) => ({
      id: random.uuid(),
      agencyId,
      unitId: station.id,
      title: `${station.name} priority ${rank}`,
      rank,
      status: rank === 5 ? "RETIRED" : "ACTIVE",
      ...timestamps,
    })),
  );
  add("Priority", priorities);
  add(
    "PriorityFeedback",
    priorities.flatMap((priority) =>
      random.sample(feedbackByStation.get(priority.unitId) ?? [], 5).map((feedbackId) => ({
        id: random.uuid(),
        agencyId,
        priorityId: priority.id,
        feedbackId,
      })),
    ),
  );

  const plans = stations.map((station, index) => ({
    id: random.uuid(),
    agencyId,
    unitId: station.id,
    title: `${station.name} Community Policing Plan`,
    ownerId: members[leaders.length + index]!.id,
    ...timestamps,
  }));
  add("Plan", plans);
  const revisions = plans.flatMap((plan) =>
    Array.from({ length: 10 }, (_, half) => {
      const year = 2022 + Math.floor(half / 2);
      const first = half % 2 === 0;
      const draft = half === 9;
      return {
        id: random.uuid(),
        agencyId,
        planId: plan.id,
        periodStart: first ? `${year}-01-01` : `${year}-07-01`,
        periodEnd: first ? `${year}-06-30` : `${year}-12-31`,
        status: draft ? "DRAFT" : "SUBMITTED",
        submittedAt: draft ? null : first ? `${year}-07-15T00:00:00.000Z` : `${year + 1}-01-15T00:00:00.000Z`,
        submittedById: draft ? null : plan.ownerId,
        ...timestamps,
      };
    }),
  );
  add("PlanRevision", revisions);
  add(
    "PlanSection",
    revisions.flatMap((revision) =>
      SECTION_KEYS.map((key) => ({
        id: random.uuid(),
        agencyId,
        revisionId: revision.id,
        key,
        title: key.replaceAll("-", " "),
        body: `What the station did about ${key} in the period starting ${revision.periodStart}.`,
      })),
    ),
  );

  const problems = Array.from({ length: scaled(FULL.problems, scale) }, (_, index) => {
    const plan = plans[index % STATIONS]!;
    const stationPriorities = priorities.filter((priority) => priority.unitId === plan.unitId && priority.status === "ACTIVE");
    return {
      id: random.uuid(),
      agencyId,
      unitId: plan.unitId,
      planId: plan.id,
      priorityId: random.chance(0.7) ? random.pick(stationPriorities).id : null,
      title: `Problem ${index}`,
      scanning: "Raised at a community meeting and confirmed in the figures.",
      analysisOffender: random.chance(0.6) ? "Repeat offenders" : null,
      analysisVictim: random.chance(0.6) ? "Residents" : null,
      analysisPlace: random.chance(0.6) ? "Around the park" : null,
      status: random.pick(PROBLEM_STATUS),
      identifiedOn: day(DATA_END - random.int(0, 730) * DAY_MS),
      ...timestamps,
    };
  });
  add("Problem", problems);
  const responses = problems.flatMap((problem) =>
    Array.from({ length: random.int(1, 4) }, (_, index) => ({
      id: random.uuid(),
      agencyId,
      problemId: problem.id,
      description: `Response ${index + 1} to ${problem.title}`,
      kind: random.pick(RESPONSE_KINDS),
      basis: random.chance(0.5) ? "RESULT_BASED" : "COMMUNITY_INPUT_BASED",
      status: random.pick(RESPONSE_STATUS),
      createdAt: iso(DATA_END - (10 - index) * DAY_MS),
      updatedAt: stamp,
    })),
  );
  add("ProblemResponse", responses);
  add(
    "ResponsePartner",
    responses.flatMap((response) =>
      random.sample(stakeholders, random.int(0, 2)).map((stakeholder) => ({
        id: random.uuid(),
        agencyId,
        responseId: response.id,
        stakeholderId: stakeholder.id,
      })),
    ),
  );

  const indicators = INDICATORS.map((indicator) => ({ id: random.uuid(), agencyId, ...indicator }));
  add("Indicator", indicators);
  add(
    "Observation",
    indicators.flatMap((indicator) =>
      stations.flatMap((station) =>
        Array.from({ length: MONTHS_OF_INDICATORS }, (_, month) => {
          const start = new Date(DATA_END);
          start.setUTCMonth(start.getUTCMonth() - MONTHS_OF_INDICATORS + month);
          const end = new Date(start);
          end.setUTCMonth(end.getUTCMonth() + 1);
          end.setUTCDate(0);
          return {
            id: random.uuid(),
            agencyId,
            indicatorId: indicator.id,
            unitId: station.id,
            periodStart: day(start.getTime()),
            periodEnd: day(end.getTime()),
            value: random.int(0, 40),
          };
        }),
      ),
    ),
  );

  const courses = COURSES.map((course) => ({ id: random.uuid(), agencyId, ...course, topics: ["community policing"] }));
  add("TrainingCourse", courses);
  add(
    "TrainingRecord",
    members.flatMap((member) =>
      random.sample(courses, random.int(1, 3)).map((course) => ({
        id: random.uuid(),
        agencyId,
        memberId: member.id,
        courseId: course.id,
        completedOn: day(DATA_END - random.int(0, 1095) * DAY_MS),
        hours: course.hours,
        createdAt: stamp,
      })),
    ),
  );

  // Every station published its last plan update: what the public agency page lists.
  const reports = stations.map((station, index) => ({
    id: random.uuid(),
    agencyId,
    profileId: "patrol-cpp",
    templateKey: "patrol-cpp.plan-update",
    title: `${station.name} plan update, first half of 2026`,
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    unitId: station.id,
    status: "PUBLISHED",
    currentVersion: 1,
    preparedById: members[leaders.length + index]!.id,
    publishedAt: "2026-08-01T00:00:00.000Z",
    ...timestamps,
  }));
  add("Report", reports);
  const contentHashes = reports.map((report) => createHash("sha256").update(`[]${report.id}`).digest("hex"));
  add(
    "ReportVersion",
    reports.map((report, index) => ({
      id: random.uuid(),
      agencyId,
      reportId: report.id,
      number: 1,
      sections: [],
      contentHash: contentHashes[index],
      createdById: report.preparedById,
      createdAt: stamp,
    })),
  );
  add(
    "ReportDecision",
    reports.map((report, index) => ({
      id: random.uuid(),
      agencyId,
      reportId: report.id,
      versionNumber: 1,
      contentHash: contentHashes[index],
      decision: "APPROVED",
      deciderId: chief.id,
      decidedAt: "2026-07-20T00:00:00.000Z",
    })),
  );

  const agency: BenchAgency = {
    id: agencyId,
    slug: spec.slug,
    name: spec.name,
    chiefEmail: chief.email,
    stations: stations.map(({ id, name }) => ({ id, name })),
    profiles: [...spec.profiles],
  };
  return { agency, tables };
}

/** Rows per table over both agencies. */
export function rowCounts(dataset: Dataset): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const tables of dataset.tables) {
    for (const { table, rows } of tables) {
      if (!table.includes(".")) counts[table] = (counts[table] ?? 0) + rows.length;
    }
  }
  return counts;
}

/** SHA-256 of the whole dataset: equal fingerprints, equal data. */
export function fingerprint(dataset: Dataset): string {
  const hash = createHash("sha256");
  for (const tables of dataset.tables) for (const { table, rows } of tables) hash.update(table).update(JSON.stringify(rows));
  return hash.digest("hex");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--scale");
  const scale = at > 0 ? Number(process.argv[at + 1]) : 1;
  const began = performance.now();
  const dataset = generateDataset({ scale });
  console.log(
    JSON.stringify(
      {
        scale,
        seed: dataset.seed,
        ms: Math.round(performance.now() - began),
        rows: rowCounts(dataset),
        fingerprint: fingerprint(dataset),
      },
      null,
      2,
    ),
  );
}
