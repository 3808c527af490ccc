import type { ResponseBasis, ResponseKind, ResponseStatus } from "@roundtable/db";
import type { DemoContext, DemoStep } from "./demo-context.ts";

interface DemoResponse {
  description: string;
  kind: ResponseKind;
  basis: ResponseBasis;
  status: ResponseStatus;
  startedOn?: string;
  endedOn?: string;
  /** Index into the stakeholders in the unit's area, then the agency's others, by name (when there are that many). */
  partner?: number;
}

interface DemoProblem {
  title: string;
  scanning: string;
  offender?: string;
  victim?: string;
  place?: string;
  assessment?: string;
  status: "SCANNING" | "ANALYSIS" | "RESPONSE" | "ASSESSMENT" | "CLOSED";
  identifiedOn: string;
  /** Linked to the unit's top-ranked priority, when the unit has priorities. */
  servesTopPriority?: boolean;
  responses: DemoResponse[];
}

interface DemoPlan {
  unit: string;
  /** What the four semi-annual update sections say (CPP-13 to CPP-17). */
  focus: string;
  problems: DemoProblem[];
}

/** The first half of 2026 submitted, the second half being drafted (CPP-13: semi-annual updates). */
const REVISIONS = [
  { periodStart: "2026-01-01", periodEnd: "2026-06-30", submittedAt: "2026-06-24T17:00:00.000Z", sections: 4, version: 6 },
  { periodStart: "2026-07-01", periodEnd: "2026-12-31", submittedAt: null, sections: 2, version: 3 },
];

const PLANS: Record<string, DemoPlan[]> = {
  metro: [
    {
      unit: "Eastside Station",
      focus: "vehicle break-ins near the transit center and youth outreach",
      problems: [
        {
          title: "Vehicle break-ins at the transit center park-and-ride",
          scanning: "Residents at the March community meeting and 14 reports in Q1 named the park-and-ride lot.",
          offender: "Small group working the lot on weekday evenings.",
          victim: "Commuters parking for the evening trains.",
          place: "Unlit north end of the lot, no attendant after 6 pm.",
          status: "RESPONSE",
          identifiedOn: "2026-03-12",
          servesTopPriority: true,
          responses: [
            {
              description: "Lighting and signage survey with the transit authority (CPTED).",
              kind: "ENVIRONMENTAL_DESIGN",
              basis: "COMMUNITY_INPUT_BASED",
              status: "ACTIVE",
              startedOn: "2026-04-01",
              partner: 0,
            },
            {
              description: "Directed evening patrols, reduced once reports fell.",
              kind: "ENFORCEMENT",
              basis: "RESULT_BASED",
              status: "ACTIVE",
              startedOn: "2026-03-20",
            },
          ],
        },
        {
          title: "Teens gathering at the closed rec center after dark",
          scanning: "Neighbors raised it in the spring survey; few calls for service.",
          victim: "Neighbors on Alder Street (noise), and the teens themselves (no safe space).",
          place: "Rec center steps, closed since budget cuts.",
          assessment: "The summer evening league drew 40 teens a week; complaints stopped by August.",
          status: "CLOSED",
          identifiedOn: "2026-04-02",
          responses: [
            {
              description: "Evening basketball league with the youth group, Tuesday and Thursday.",
              kind: "PREVENTION",
              basis: "COMMUNITY_INPUT_BASED",
              status: "COMPLETED",
              startedOn: "2026-06-01",
              endedOn: "2026-08-31",
              partner: 1,
            },
          ],
        },
        {
          title: "Speeding on Alder Street near the elementary school",
          scanning: "Parents asked at the September meeting; analysis of the speed trailer data is under way.",
          status: "ANALYSIS",
          identifiedOn: "2026-09-15",
          responses: [],
        },
      ],
    },
    {
      unit: "Harbor Station",
      focus: "catalytic converter thefts and outreach to the fishing community",
      problems: [
        {
          title: "Catalytic converter thefts along the harbor front",
          scanning: "Business owners reported 9 thefts in February and March.",
          offender: "Thieves using the marina service road at night.",
          place: "Unfenced lots off the service road.",
          status: "RESPONSE",
          identifiedOn: "2026-02-20",
          responses: [
            {
              description: "Free etching events with the merchants' association.",
              kind: "PREVENTION",
              basis: "COMMUNITY_INPUT_BASED",
              status: "ACTIVE",
              startedOn: "2026-04-11",
              partner: 0,
            },
            {
              description: "Scrap dealer compliance checks.",
              kind: "ENFORCEMENT",
              basis: "RESULT_BASED",
              status: "PLANNED",
            },
          ],
        },
        {
          title: "Distrust among Vietnamese-speaking fishing crews",
          scanning: "Crews do not report thefts of gear; raised by a community services officer.",
          status: "SCANNING",
          identifiedOn: "2026-05-08",
          responses: [
            {
              description: "Dockside coffee hours with a Vietnamese-speaking deputy.",
              kind: "PARTNERSHIP",
              basis: "COMMUNITY_INPUT_BASED",
              status: "PLANNED",
            },
          ],
        },
      ],
    },
    {
      unit: "Valley Station",
      focus: "illegal dumping and traffic safety on the county roads",
      problems: [
        {
          title: "Illegal dumping on Canyon Road",
          scanning: "Residents and the road department report repeated dumping at two turnouts.",
          place: "Two unlit turnouts without cameras.",
          status: "RESPONSE",
          identifiedOn: "2026-01-27",
          responses: [
            {
              description: "Clean-up day and signage with the neighborhood association.",
              kind: "EDUCATION",
              basis: "COMMUNITY_INPUT_BASED",
              status: "COMPLETED",
              startedOn: "2026-03-07",
              endedOn: "2026-03-07",
              partner: 0,
            },
          ],
        },
      ],
    },
  ],
  lakeview: [
    {
      unit: "Patrol Bureau",
      focus: "package thefts downtown and the citizens police academy",
      problems: [
        {
          title: "Package thefts from downtown apartment lobbies",
          scanning: "Tenants reported thefts at the February neighborhood meeting.",
          offender: "Opportunists following residents through lobby doors.",
          victim: "Apartment tenants receiving deliveries.",
          place: "Lobbies without package rooms on Main and 3rd.",
          status: "RESPONSE",
          identifiedOn: "2026-02-10",
          responses: [
            {
              description: "Work with property managers on package lockers.",
              kind: "PARTNERSHIP",
              basis: "COMMUNITY_INPUT_BASED",
              status: "ACTIVE",
              startedOn: "2026-03-01",
              partner: 0,
            },
            {
              description: "Tenant education flyers in English and Spanish.",
              kind: "EDUCATION",
              basis: "RESULT_BASED",
              status: "COMPLETED",
              startedOn: "2026-03-01",
              endedOn: "2026-04-15",
            },
          ],
        },
      ],
    },
  ],
};

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);

/**
 * Each station's Community Policing Plan (CPP-05): owned by the unit's commander where it
 * has one, a SUBMITTED revision for the first half of 2026 and a DRAFT for the second
 * (CPP-13), and SARA problems with responses of mixed kinds and bases (CPP-09, CPP-16).
 */
export const seedPlansAndProblems: DemoStep = async (demo) => {
  const stakeholders = await demo.tx.stakeholder.findMany({
    where: { agencyId: demo.agency.id },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, areaId: true },
  });
  for (const plan of PLANS[demo.agency.slug] ?? []) {
    const unitId = demo.units.get(plan.unit);
    if (unitId) await seedPlan(demo, unitId, plan, stakeholders);
  }
};

async function seedPlan(
  demo: DemoContext,
  unitId: string,
  plan: DemoPlan,
  stakeholders: { id: string; areaId: string | null }[],
) {
  const { tx } = demo;
  const agencyId = demo.agency.id;
  const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: unitId }, select: { name: true, commanderId: true } });
  const row = await tx.plan.create({
    data: { agencyId, unitId, title: `${unit.name} Community Policing Plan`, ownerId: unit.commanderId },
  });
  for (const revision of REVISIONS) {
    const submitted = revision.submittedAt !== null;
    const created = await tx.planRevision.create({
      data: {
        agencyId,
        planId: row.id,
        periodStart: day(revision.periodStart),
        periodEnd: day(revision.periodEnd),
        status: submitted ? "SUBMITTED" : "DRAFT",
        submittedAt: submitted ? new Date(revision.submittedAt) : null,
        submittedById: submitted ? (unit.commanderId ?? demo.members.get("CHIEF") ?? null) : null,
        version: revision.version,
      },
    });
    await tx.planSection.createMany({
      data: SECTIONS.slice(0, revision.sections).map(([key, title, body]) => ({
        agencyId,
        revisionId: created.id,
        key,
        title,
        body: body.replace("{focus}", plan.focus),
      })),
    });
  }
  // Partners from the station's own area first: the parish next door, not one across the county.
  const partners = [...stakeholders.filter((s) => s.areaId === unitId), ...stakeholders.filter((s) => s.areaId !== unitId)];
  const topPriority = await tx.priority.findFirst({ where: { agencyId, unitId, status: "ACTIVE" }, orderBy: { rank: "asc" } });
  for (const problem of plan.problems) {
    const { responses, servesTopPriority, identifiedOn, offender, victim, place, ...fields } = problem;
    const created = await tx.problem.create({
      data: {
        ...fields,
        agencyId,
        unitId,
        planId: row.id,
        priorityId: servesTopPriority ? (topPriority?.id ?? null) : null,
        identifiedOn: day(identifiedOn),
        analysisOffender: offender ?? null,
        analysisVictim: victim ?? null,
        analysisPlace: place ?? null,
      },
    });
    for (const { partner, startedOn, endedOn, ...response } of responses) {
      const made = await tx.problemResponse.create({
        data: {
          ...response,
          agencyId,
          problemId: created.id,
          startedOn: startedOn ? day(startedOn) : null,
          endedOn: endedOn ? day(endedOn) : null,
        },
      });
      const stakeholder = partner === undefined ? undefined : partners[partner];
      if (stakeholder)
        await tx.responsePartner.create({ data: { agencyId, responseId: made.id, stakeholderId: stakeholder.id } });
    }
  }
}

/** The four things a semi-annual update covers (CPP-13 to CPP-17), as [key, title, body]. */
const SECTIONS: [key: string, title: string, body: string][] = [
  ["community-feedback", "Community feedback", "Surveys and meetings this period named {focus} as the main concerns."],
  [
    "effectiveness",
    "Effectiveness of current efforts",
    "Reports for the priority problems fell; the plan continues as amended below.",
  ],
  [
    "responses",
    "New and modified responses",
    "Each change to a planned response records whether results or community input drove it.",
  ],
  ["sharing", "Sharing with the community", "Presented at the quarterly community meeting and posted on the agency website."],
];
