import type { MemberKind, Role } from "@roundtable/db";
import type { DemoStep } from "./demo-context.ts";

interface DemoPerson {
  /** Local part of the email; the domain is `<slug>.example`. */
  handle: string;
  name: string;
  kind: MemberKind;
  rank: string | null;
  unit: string | null;
  languages: string[];
  roles?: Role[];
  /** Commands this unit (its commander link; the role comes from `roles`). */
  commands?: string;
  /** Left the agency: kept for the record, access ended. */
  disabledAt?: Date;
}

/**
 * Staff beyond the one-member-per-role accounts, so that later steps have people to put in
 * meetings, interpret at them (CPP-04) and train: several per station, speaking the
 * languages the stations' communities speak, sworn and professional, and a commander for
 * every patrol station (CPP-05).
 */
const EXTRA_STAFF: Record<string, DemoPerson[]> = {
  metro: [
    {
      handle: "daniel.kim",
      name: "Daniel Kim",
      kind: "SWORN",
      rank: "Sergeant",
      unit: "Eastside Station",
      languages: ["en", "ko"],
    },
    {
      handle: "maria.hernandez",
      name: "Maria Hernandez",
      kind: "SWORN",
      rank: "Deputy",
      unit: "Eastside Station",
      languages: ["en", "es"],
    },
    {
      handle: "marcus.reyes",
      name: "Marcus Reyes",
      kind: "SWORN",
      rank: "Lieutenant",
      unit: "Harbor Station",
      languages: ["en", "tl"],
      roles: ["UNIT_COMMANDER"],
      commands: "Harbor Station",
    },
    {
      handle: "tuan.nguyen",
      name: "Tuan Nguyen",
      kind: "SWORN",
      rank: "Deputy",
      unit: "Harbor Station",
      languages: ["en", "vi"],
    },
    {
      handle: "mei.chen",
      name: "Mei Chen",
      kind: "PROFESSIONAL",
      rank: "Community Services Officer",
      unit: "Harbor Station",
      languages: ["en", "zh"],
    },
    {
      handle: "ani.petrosyan",
      name: "Ani Petrosyan",
      kind: "SWORN",
      rank: "Lieutenant",
      unit: "Valley Station",
      languages: ["en", "hy"],
      roles: ["UNIT_COMMANDER"],
      commands: "Valley Station",
    },
    {
      handle: "grace.villanueva",
      name: "Grace Villanueva",
      kind: "SWORN",
      rank: "Deputy",
      unit: "Valley Station",
      languages: ["en", "tl"],
    },
    {
      handle: "robert.hale",
      name: "Robert Hale",
      kind: "SWORN",
      rank: "Deputy",
      unit: null,
      languages: ["en"],
      disabledAt: new Date("2026-03-31T17:00:00Z"),
    },
  ],
  lakeview: [
    {
      handle: "luis.ortega",
      name: "Luis Ortega",
      kind: "SWORN",
      rank: "Officer",
      unit: "Patrol Bureau",
      languages: ["en", "es"],
    },
    {
      handle: "minjun.park",
      name: "Min-jun Park",
      kind: "SWORN",
      rank: "Officer",
      unit: "Patrol Bureau",
      languages: ["en", "ko"],
    },
    {
      handle: "jasmine.santos",
      name: "Jasmine Santos",
      kind: "SWORN",
      rank: "Sergeant",
      unit: "Patrol Bureau",
      languages: ["en", "tl"],
    },
    {
      handle: "linh.tran",
      name: "Linh Tran",
      kind: "PROFESSIONAL",
      rank: "Community Liaison",
      unit: "Community Services Unit",
      languages: ["en", "vi"],
    },
    {
      handle: "armen.hakobyan",
      name: "Armen Hakobyan",
      kind: "SWORN",
      rank: "Sergeant",
      unit: "Community Services Unit",
      languages: ["en", "hy"],
    },
    {
      handle: "wei.zhang",
      name: "Wei Zhang",
      kind: "PROFESSIONAL",
      rank: "Crime Analyst",
      unit: "Office of the Chief",
      languages: ["en", "zh"],
    },
    {
      handle: "karen.boyd",
      name: "Karen Boyd",
      kind: "SWORN",
      rank: "Officer",
      unit: null,
      languages: ["en"],
      disabledAt: new Date("2026-02-27T23:00:00Z"),
    },
  ],
};

/** Adds each agency's extra staff, listed in `members` by email for the steps after this one. */
export const seedAdministration: DemoStep = async ({ tx, agency, units, members }) => {
  for (const [index, person] of (EXTRA_STAFF[agency.slug] ?? []).entries()) {
    const email = `${person.handle}@${agency.slug}.example`;
    const row = await tx.member.create({
      data: {
        agencyId: agency.id,
        email,
        name: person.name,
        kind: person.kind,
        rank: person.rank,
        unitId: person.unit ? (units.get(person.unit) ?? null) : null,
        roles: person.roles ?? ["MEMBER"],
        languages: person.languages,
        disabledAt: person.disabledAt ?? null,
        // Joined a day apart, so "recently added" lists come out the same every time.
        createdAt: new Date(Date.UTC(2026, 0, 5 + index, 16)),
      },
    });
    members.set(email, row.id);
    if (person.commands) {
      await tx.orgUnit.update({ where: { id: units.get(person.commands) }, data: { commanderId: row.id } });
    }
  }
  // Lakeview's Chief designated its coordinator under the Community Engagement policy (III.B).
  const coordinator = members.get("COORDINATOR");
  if (agency.slug === "lakeview" && coordinator) {
    await tx.coordinatorDesignation.create({
      data: {
        agencyId: agency.id,
        memberId: coordinator,
        designatedById: members.get("CHIEF") ?? null,
        startsOn: new Date(Date.UTC(2026, 0, 1)),
        note: "Designated under the Community Engagement policy, III.B.",
      },
    });
  }
};
