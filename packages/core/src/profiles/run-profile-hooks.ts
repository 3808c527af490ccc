import type { PrismaClient } from "@roundtable/db";
import type { Logger } from "../context.ts";
import { eventMatches } from "../events/domain-event.ts";
import type { EventBus } from "../events/event-bus.ts";
import { scopeToAgency } from "../tenancy/scope-to-agency.ts";
import { loadEnabledProfiles } from "./enabled-profiles.ts";
import type { ProfileRegistry } from "./profile-registry.ts";

/**
 * Delivers domain events to the hooks of the profiles each agency enabled. A failing hook
 * is logged and does not stop the others.
 */
export function runProfileHooks(options: {
  prisma: PrismaClient;
  registry: ProfileRegistry;
  bus: EventBus;
  log: Logger;
  clock?: () => Date;
}) {
  const { prisma, registry, bus, log, clock = () => new Date() } = options;
  if (!registry.all().some((profile) => profile.hooks && Object.keys(profile.hooks).length > 0)) return;
  bus.subscribe(async (events) => {
    for (const agencyId of new Set(events.map((event) => event.agencyId))) {
      const db = scopeToAgency(prisma, agencyId);
      for (const { profile, settings } of await loadEnabledProfiles(db, registry, log).list()) {
        for (const [pattern, hook] of Object.entries(profile.hooks ?? {})) {
          for (const event of events.filter(
            (candidate) => candidate.agencyId === agencyId && eventMatches(pattern, candidate.type),
          )) {
            await hook(event, { db, settings, now: clock() }).catch((error: unknown) =>
              log.error({ err: error, profileId: profile.id, event: event.type }, "profile hook failed"),
            );
          }
        }
      }
    }
  });
}
