import type { AgencyKind, OrgUnitKind } from "@roundtable/db";
import { ROLES } from "../auth/roles.ts";

/** The two demo agencies of CONTRACT.md, described as data. */
export interface DemoAgency {
  slug: string;
  name: string;
  kind: AgencyKind;
  timeZone: string;
  profiles: string[];
  units: { name: string; kind: OrgUnitKind; code: string; parent?: string }[];
}

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    slug: "metro",
    name: "Metro County Sheriff's Department",
    kind: "SHERIFF_DEPARTMENT",
    timeZone: "America/Los_Angeles",
    profiles: ["patrol-cpp"],
    units: [
      { name: "Headquarters", kind: "HEADQUARTERS", code: "HQ" },
      { name: "Patrol Division", kind: "DIVISION", code: "PD", parent: "Headquarters" },
      { name: "Eastside Station", kind: "PATROL_STATION", code: "ES", parent: "Patrol Division" },
      { name: "Harbor Station", kind: "PATROL_STATION", code: "HS", parent: "Patrol Division" },
      { name: "Valley Station", kind: "PATROL_STATION", code: "VS", parent: "Patrol Division" },
    ],
  },
  {
    slug: "lakeview",
    name: "Lakeview Police Department",
    kind: "POLICE_DEPARTMENT",
    timeZone: "America/Chicago",
    profiles: ["annual-engagement-report"],
    units: [
      { name: "Office of the Chief", kind: "HEADQUARTERS", code: "OC" },
      { name: "Patrol Bureau", kind: "BUREAU", code: "PB", parent: "Office of the Chief" },
      { name: "Community Services Unit", kind: "UNIT", code: "CSU", parent: "Office of the Chief" },
    ],
  },
];

/** One demo member per role; the email follows `<role in lowercase>@<slug>.example`. */
export function demoMembers(slug: string) {
  return ROLES.map((role) => ({
    role,
    email: demoEmail(role, slug),
    name: DEMO_NAMES[role],
    kind: role === "AGENCY_ADMIN" || role === "PLATFORM_OPERATOR" ? ("PROFESSIONAL" as const) : ("SWORN" as const),
  }));
}

export function demoEmail(role: string, slug: string): string {
  return `${role.toLowerCase()}@${slug}.example`;
}

const DEMO_NAMES: Record<(typeof ROLES)[number], string> = {
  PLATFORM_OPERATOR: "Pat Operator",
  AGENCY_ADMIN: "Alex Admin",
  CHIEF: "Casey Chief",
  COORDINATOR: "Jordan Coordinator",
  UNIT_COMMANDER: "Morgan Commander",
  MEMBER: "Riley Member",
};
