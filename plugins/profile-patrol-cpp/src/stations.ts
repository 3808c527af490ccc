import type { TenantDb } from "@roundtable/core";

/** The patrol stations of the agency, with their commanders: the units this policy governs. */
export function patrolStations(db: TenantDb) {
  return db.orgUnit.findMany({
    where: { kind: "PATROL_STATION" },
    select: { id: true, name: true, commanderId: true },
    orderBy: { name: "asc" },
  });
}

export const CPP_PLAN_KIND = "COMMUNITY_POLICING_PLAN";
