import type { ActivityKind, OutreachStatus, StakeholderKind, StrategyStatus } from "@roundtable/db";
import type { DemoContext, DemoStep } from "./demo-context.ts";

// A season of engagement for each demo agency: the partners, the programs, and the meetings,
// sessions and outreach held under them, with who asked for which language and who
// interpreted (CPP-04). Times carry their agency's UTC offset; everything happened in 2026.

interface DemoStakeholder {
  name: string;
  kind: StakeholderKind;
  area?: string;
  languages: string[];
  outreachStatus: OutreachStatus;
}

interface DemoStrategy {
  title: string;
  category: string;
  description: string;
  goals: string[];
  status: StrategyStatus;
  owner: string;
  unit: string;
  startsOn: string;
  endsOn?: string;
}

interface DemoActivity {
  kind: ActivityKind;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  unit: string;
  strategy?: string;
  departmentSponsored?: boolean;
  attendanceCount: number;
  minutes?: string;
  stakeholders?: string[];
  /** Members by demo role. */
  participants: string[];
  languageRequests?: { language: string; interpreter?: string; volunteerName?: string }[];
  followUps?: { description: string; owner: string; dueOn: string; doneAt?: string }[];
}

interface DemoEngagement {
  stakeholders: DemoStakeholder[];
  strategies: DemoStrategy[];
  activities: DemoActivity[];
}

const METRO: DemoEngagement = {
  stakeholders: [
    { name: "St. Brigid's Parish", kind: "CHURCH", area: "Eastside Station", languages: ["en", "es"], outreachStatus: "ENGAGED" },
    {
      name: "Eastside Tenants for Justice",
      kind: "ISSUE_ADVOCACY_GROUP",
      area: "Eastside Station",
      languages: ["en", "es"],
      outreachStatus: "DISTRUSTFUL",
    },
    {
      name: "Harbor Korean Business Association",
      kind: "CHAMBER_OF_COMMERCE",
      area: "Harbor Station",
      languages: ["ko", "en"],
      outreachStatus: "ENGAGED",
    },
    {
      name: "Armenian Cultural Center of the Valley",
      kind: "NON_PROFIT",
      area: "Valley Station",
      languages: ["hy", "en"],
      outreachStatus: "HARD_TO_REACH",
    },
  ],
  strategies: [
    {
      title: "Station community meetings",
      category: "community-meetings",
      description:
        "Each patrol station hosts an open community meeting every month, with interpreters for the languages residents ask for.",
      goals: ["One open meeting per station per month", "Every requested language interpreted"],
      status: "ACTIVE",
      owner: "UNIT_COMMANDER",
      unit: "Patrol Division",
      startsOn: "2026-01-01",
    },
    {
      title: "Eastside youth mentoring",
      category: "youth-programs",
      description: "Deputies mentor middle-school students after school, with the parish youth ministry.",
      goals: ["25 students enrolled", "Weekly sessions during the school year"],
      status: "ACTIVE",
      owner: "COORDINATOR",
      unit: "Eastside Station",
      startsOn: "2026-01-12",
      endsOn: "2026-06-12",
    },
    {
      title: "Tenant outreach on Eastside",
      category: "outreach",
      description: "Door-to-door visits with the tenants' group, which has told us it does not trust the department.",
      goals: ["Visit every building on Fifth Street", "A standing monthly meeting with the tenants' group"],
      status: "ACTIVE",
      owner: "UNIT_COMMANDER",
      unit: "Eastside Station",
      startsOn: "2026-02-01",
    },
  ],
  activities: [
    {
      kind: "COMMUNITY_MEETING",
      title: "Eastside Station community meeting, February",
      startsAt: "2026-02-12T18:30:00-08:00",
      endsAt: "2026-02-12T20:00:00-08:00",
      location: "St. Brigid's Parish Hall, 1420 E 5th St",
      unit: "Eastside Station",
      strategy: "Station community meetings",
      attendanceCount: 46,
      minutes:
        "Residents raised speeding on Fifth Street and dark alleys behind the market. The commander agreed to report back in March.",
      stakeholders: ["St. Brigid's Parish", "Eastside Tenants for Justice"],
      participants: ["UNIT_COMMANDER", "MEMBER"],
      languageRequests: [
        { language: "es", interpreter: "MEMBER" },
        { language: "ko", volunteerName: "Grace Park" },
      ],
      followUps: [
        {
          description: "Ask Public Works about the lighting behind the market.",
          owner: "COORDINATOR",
          dueOn: "2026-02-27",
          doneAt: "2026-02-24T16:00:00-08:00",
        },
        {
          description: "Report on speeding enforcement on Fifth Street at the March meeting.",
          owner: "UNIT_COMMANDER",
          dueOn: "2026-03-12",
        },
      ],
    },
    {
      kind: "YOUTH_PROGRAM_SESSION",
      title: "Youth mentoring: study hall and basketball",
      startsAt: "2026-02-18T15:30:00-08:00",
      endsAt: "2026-02-18T17:30:00-08:00",
      location: "St. Brigid's Parish gym",
      unit: "Eastside Station",
      strategy: "Eastside youth mentoring",
      attendanceCount: 19,
      stakeholders: ["St. Brigid's Parish"],
      participants: ["MEMBER"],
    },
    {
      kind: "OUTREACH",
      title: "Door-to-door visits on Fifth Street",
      startsAt: "2026-03-05T10:00:00-08:00",
      endsAt: "2026-03-05T13:00:00-08:00",
      location: "Fifth Street apartments, 1500-1900 block",
      unit: "Eastside Station",
      strategy: "Tenant outreach on Eastside",
      attendanceCount: 31,
      minutes:
        "31 households reached. Several tenants described past encounters with deputies they felt were unfair; their organizer agreed to a follow-up meeting.",
      stakeholders: ["Eastside Tenants for Justice"],
      participants: ["UNIT_COMMANDER", "MEMBER"],
      languageRequests: [{ language: "es", interpreter: "MEMBER" }],
    },
    {
      kind: "COMMUNITY_MEETING",
      title: "Valley Station town hall",
      startsAt: "2026-03-10T19:00:00-07:00",
      endsAt: "2026-03-10T20:30:00-07:00",
      location: "Valley Library community room",
      unit: "Valley Station",
      strategy: "Station community meetings",
      attendanceCount: 28,
      minutes: "Several older residents asked for Armenian; no interpreter could be found in time.",
      stakeholders: ["Armenian Cultural Center of the Valley"],
      participants: ["COORDINATOR"],
      languageRequests: [{ language: "hy" }],
      followUps: [
        {
          description: "Find an Armenian-speaking interpreter for the April town hall.",
          owner: "COORDINATOR",
          dueOn: "2026-04-01",
        },
      ],
    },
    {
      kind: "COMMUNITY_MEETING",
      title: "Harbor merchants safety meeting",
      startsAt: "2026-01-22T09:00:00-08:00",
      endsAt: "2026-01-22T10:00:00-08:00",
      location: "Harbor Korean Business Association office",
      unit: "Harbor Station",
      strategy: "Station community meetings",
      attendanceCount: 17,
      stakeholders: ["Harbor Korean Business Association"],
      participants: ["CHIEF"],
      languageRequests: [{ language: "ko", volunteerName: "Daniel Kim" }],
    },
    {
      kind: "EVENT",
      title: "Lunar New Year festival booth",
      startsAt: "2026-02-21T11:00:00-08:00",
      endsAt: "2026-02-21T16:00:00-08:00",
      location: "Harbor Plaza",
      unit: "Harbor Station",
      departmentSponsored: false,
      attendanceCount: 320,
      stakeholders: ["Harbor Korean Business Association"],
      participants: ["CHIEF", "COORDINATOR"],
    },
  ],
};

const LAKEVIEW: DemoEngagement = {
  stakeholders: [
    { name: "Lakeview High School", kind: "SCHOOL", languages: ["en"], outreachStatus: "ENGAGED" },
    { name: "Boys & Girls Club of Lakeview", kind: "YOUTH_GROUP", languages: ["en", "es"], outreachStatus: "ENGAGED" },
    {
      name: "Northside Neighbors Coalition",
      kind: "NEIGHBORHOOD_ASSOCIATION",
      languages: ["en", "es"],
      outreachStatus: "DISTRUSTFUL",
    },
  ],
  strategies: [
    {
      title: "Citizens Police Academy, spring 2026",
      category: "citizens-academy",
      description: "Ten evening classes on how the department works, from patrol procedures to use-of-force policy.",
      goals: ["25 graduates", "At least a third of the class from the Northside"],
      status: "ACTIVE",
      owner: "COORDINATOR",
      unit: "Community Services Unit",
      startsOn: "2026-03-03",
      endsOn: "2026-05-05",
    },
    {
      title: "Friday night youth basketball",
      category: "youth-programs",
      description: "Officers coach and play in a Friday league at the Boys & Girls Club.",
      goals: ["Two teams per age group", "Every officer of the unit coaches at least once a month"],
      status: "ACTIVE",
      owner: "COORDINATOR",
      unit: "Community Services Unit",
      startsOn: "2026-01-09",
    },
  ],
  activities: [
    {
      kind: "ACADEMY_CLASS",
      title: "Citizens academy 1: patrol procedures",
      startsAt: "2026-03-03T18:00:00-06:00",
      endsAt: "2026-03-03T21:00:00-06:00",
      location: "Lakeview Police Department training room",
      unit: "Community Services Unit",
      strategy: "Citizens Police Academy, spring 2026",
      attendanceCount: 24,
      participants: ["COORDINATOR", "MEMBER"],
    },
    {
      kind: "ACADEMY_CLASS",
      title: "Citizens academy 2: use-of-force policy",
      startsAt: "2026-03-10T18:00:00-05:00",
      endsAt: "2026-03-10T21:00:00-05:00",
      location: "Lakeview Police Department training room",
      unit: "Community Services Unit",
      strategy: "Citizens Police Academy, spring 2026",
      attendanceCount: 22,
      participants: ["COORDINATOR", "CHIEF"],
      languageRequests: [{ language: "es", interpreter: "MEMBER" }],
    },
    {
      kind: "YOUTH_PROGRAM_SESSION",
      title: "Friday night basketball",
      startsAt: "2026-02-20T18:00:00-06:00",
      endsAt: "2026-02-20T20:30:00-06:00",
      location: "Boys & Girls Club gym",
      unit: "Community Services Unit",
      strategy: "Friday night youth basketball",
      attendanceCount: 34,
      stakeholders: ["Boys & Girls Club of Lakeview"],
      participants: ["MEMBER", "UNIT_COMMANDER"],
    },
    {
      kind: "COMMUNITY_MEETING",
      title: "Northside listening session",
      startsAt: "2026-02-26T18:30:00-06:00",
      endsAt: "2026-02-26T20:00:00-06:00",
      location: "Northside Recreation Center",
      unit: "Patrol Bureau",
      attendanceCount: 39,
      minutes:
        "Residents were critical of traffic stops on Lake Avenue. The chief committed to publishing stop data each quarter.",
      stakeholders: ["Northside Neighbors Coalition"],
      participants: ["CHIEF", "UNIT_COMMANDER"],
      languageRequests: [{ language: "es", volunteerName: "Ana Morales" }],
      followUps: [{ description: "Publish the first quarter's traffic stop data.", owner: "CHIEF", dueOn: "2026-04-15" }],
    },
    {
      kind: "EVENT",
      title: "Career day at Lakeview High",
      startsAt: "2026-04-14T09:00:00-05:00",
      endsAt: "2026-04-14T12:00:00-05:00",
      location: "Lakeview High School gym",
      unit: "Community Services Unit",
      departmentSponsored: false,
      attendanceCount: 150,
      stakeholders: ["Lakeview High School"],
      participants: ["MEMBER"],
    },
  ],
};

const ENGAGEMENT_BY_AGENCY: Record<string, DemoEngagement> = { metro: METRO, lakeview: LAKEVIEW };

/** Demo stakeholders, strategies and activities with language access, for each demo agency. */
export const seedStrategiesAndActivities: DemoStep = async (demo) => {
  const engagement = ENGAGEMENT_BY_AGENCY[demo.agency.slug];
  if (!engagement) return;
  const { tx, agency } = demo;
  const agencyId = agency.id;
  const stakeholders = new Map<string, string>();
  for (const stakeholder of engagement.stakeholders) {
    const { area, ...fields } = stakeholder;
    const row = await tx.stakeholder.create({ data: { agencyId, ...fields, areaId: area ? unit(demo, area) : null } });
    stakeholders.set(stakeholder.name, row.id);
  }
  const strategies = new Map<string, string>();
  for (const strategy of engagement.strategies) {
    const row = await tx.engagementStrategy.create({
      data: {
        agencyId,
        title: strategy.title,
        category: strategy.category,
        description: strategy.description,
        goals: strategy.goals,
        status: strategy.status,
        ownerId: member(demo, strategy.owner),
        unitId: unit(demo, strategy.unit),
        startsOn: day(strategy.startsOn),
        endsOn: strategy.endsOn ? day(strategy.endsOn) : null,
      },
    });
    strategies.set(strategy.title, row.id);
  }
  for (const activity of engagement.activities) {
    const row = await tx.activity.create({
      data: {
        agencyId,
        kind: activity.kind,
        title: activity.title,
        startsAt: new Date(activity.startsAt),
        endsAt: new Date(activity.endsAt),
        location: activity.location,
        unitId: unit(demo, activity.unit),
        strategyId: activity.strategy ? (strategies.get(activity.strategy) ?? null) : null,
        departmentSponsored: activity.departmentSponsored ?? true,
        attendanceCount: activity.attendanceCount,
        minutes: activity.minutes ?? null,
      },
    });
    const activityId = row.id;
    await tx.activityStakeholder.createMany({
      data: (activity.stakeholders ?? []).map((name) => ({ agencyId, activityId, stakeholderId: stakeholders.get(name) ?? "" })),
    });
    await tx.activityParticipant.createMany({
      data: activity.participants.map((role) => ({ agencyId, activityId, memberId: member(demo, role) })),
    });
    await tx.languageRequest.createMany({
      data: (activity.languageRequests ?? []).map((request) => ({
        agencyId,
        activityId,
        language: request.language,
        interpreterMemberId: request.interpreter ? member(demo, request.interpreter) : null,
        volunteerName: request.volunteerName ?? null,
      })),
    });
    await tx.activityFollowUp.createMany({
      data: (activity.followUps ?? []).map((followUp) => ({
        agencyId,
        activityId,
        description: followUp.description,
        ownerId: member(demo, followUp.owner),
        dueOn: day(followUp.dueOn),
        doneAt: followUp.doneAt ? new Date(followUp.doneAt) : null,
      })),
    });
  }
};

function unit(demo: DemoContext, name: string): string {
  const id = demo.units.get(name);
  if (!id) throw new Error(`demo: ${demo.agency.slug} has no unit "${name}"`);
  return id;
}

function member(demo: DemoContext, role: string): string {
  const id = demo.members.get(role);
  if (!id) throw new Error(`demo: ${demo.agency.slug} has no member with role ${role}`);
  return id;
}

/** A calendar day, held as midnight UTC like every DATE column. */
function day(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00Z`);
}
