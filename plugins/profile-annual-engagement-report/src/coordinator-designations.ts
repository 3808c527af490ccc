import type { TenantDb } from "@roundtable/core";

/** Midnight UTC of the day `now` falls on: designations are dated in calendar days. */
export function todayOf(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The designation in force on `day` (CE-05), with the designated member; null when nobody is designated. */
export function designationOn(db: TenantDb, day: Date) {
  return db.coordinatorDesignation.findFirst({
    where: { startsOn: { lte: day }, OR: [{ endsOn: null }, { endsOn: { gte: day } }] },
    orderBy: [{ startsOn: "desc" }, { createdAt: "desc" }],
    include: { member: { select: { id: true, name: true, disabledAt: true } } },
  });
}

/** The latest designation that has not ended (it may start in the future). */
export function openDesignation(db: TenantDb) {
  return db.coordinatorDesignation.findFirst({
    where: { endsOn: null },
    orderBy: [{ startsOn: "desc" }, { createdAt: "desc" }],
  });
}
