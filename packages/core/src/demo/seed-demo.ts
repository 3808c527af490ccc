import { randomUUID } from "node:crypto";
import { agencyClientFor, type PrismaClient } from "@roundtable/db";
import { seedAdministration } from "./demo-administration.ts";
import { DEMO_AGENCIES, demoMembers } from "./demo-agencies.ts";
import type { DemoStep } from "./demo-context.ts";
import { seedFeedbackAndPriorities } from "./demo-feedback-and-priorities.ts";
import { seedPlansAndProblems } from "./demo-plans-and-problems.ts";
import { seedStrategiesAndActivities } from "./demo-strategies-and-activities.ts";
import { seedTrendsAndTraining } from "./demo-trends-and-training.ts";

/** Each area's demo rows, in dependency order (later steps find earlier rows by name). */
const DEMO_STEPS: DemoStep[] = [
  seedAdministration,
  seedStrategiesAndActivities,
  seedFeedbackAndPriorities,
  seedPlansAndProblems,
  seedTrendsAndTraining,
];

/**
 * Loads the demo agencies, their org units and one member per role. Idempotent: an agency
 * that already exists is left as it is, so running it twice changes nothing.
 * Returns the slugs it created.
 */
export async function seedDemo(prisma: PrismaClient): Promise<string[]> {
  const created: string[] = [];
  for (const demo of DEMO_AGENCIES) {
    if (await prisma.agency.findUnique({ where: { slug: demo.slug } })) continue;
    // The id is chosen first so the whole agency is written through its own client (row-level
    // security on PostgreSQL). Generous timeout: a few hundred rows, written once.
    const agencyId = randomUUID();
    await agencyClientFor(prisma, agencyId).$transaction(
      async (tx) => {
        const agency = await tx.agency.create({
          data: { id: agencyId, slug: demo.slug, name: demo.name, kind: demo.kind, timeZone: demo.timeZone },
        });
        const unitIds = new Map<string, string>();
        for (const unit of demo.units) {
          const row = await tx.orgUnit.create({
            data: {
              agencyId: agency.id,
              name: unit.name,
              kind: unit.kind,
              code: unit.code,
              parentId: unit.parent ? unitIds.get(unit.parent) : null,
            },
          });
          unitIds.set(unit.name, row.id);
        }
        const members = new Map<string, string>();
        const firstStation = demo.units.find((unit) => unit.kind === "PATROL_STATION") ?? demo.units[1];
        for (const member of demoMembers(demo.slug)) {
          const fieldRole = member.role === "UNIT_COMMANDER" || member.role === "MEMBER";
          const row = await tx.member.create({
            data: {
              agencyId: agency.id,
              email: member.email,
              name: member.name,
              kind: member.kind,
              roles: [member.role],
              languages: member.role === "MEMBER" ? ["en", "es"] : ["en"],
              unitId: fieldRole && firstStation ? unitIds.get(firstStation.name) : unitIds.get(demo.units[0]?.name ?? ""),
            },
          });
          members.set(member.role, row.id);
          if (member.role === "UNIT_COMMANDER" && firstStation) {
            await tx.orgUnit.update({ where: { id: unitIds.get(firstStation.name) }, data: { commanderId: row.id } });
          }
        }
        for (const profileId of demo.profiles) {
          await tx.agencyProfile.create({ data: { agencyId: agency.id, profileId } });
        }
        for (const step of DEMO_STEPS) await step({ tx, agency: { id: agency.id, slug: agency.slug }, units: unitIds, members });
      },
      { timeout: 60_000 },
    );
    created.push(demo.slug);
  }
  return created;
}
