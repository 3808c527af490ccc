import type { PrismaClient } from "@roundtable/db";
import type { Logger } from "../context.ts";
import { type DomainEvent, eventMatches } from "../events/domain-event.ts";
import type { EventBus } from "../events/event-bus.ts";
import { loadEnabledProfiles } from "../profiles/enabled-profiles.ts";
import type { ProfileRegistry } from "../profiles/profile-registry.ts";
import { scopeToAgency } from "../tenancy/scope-to-agency.ts";
import { type EvaluationResult, evaluateCompliance } from "./evaluate-compliance.ts";

export interface ComplianceEngine {
  /** Runs every enabled rule of one agency now. */
  evaluateAgency(agencyId: string): Promise<EvaluationResult>;
  /** Runs every agency's rules: the periodic sweep that catches what time alone changes. */
  sweep(): Promise<void>;
}

export interface ComplianceEngineOptions {
  prisma: PrismaClient;
  registry: ProfileRegistry;
  bus: EventBus;
  log: Logger;
  clock?: () => Date;
}

/**
 * Keeps findings current: after the domain events each rule declares (via the bus), on
 * demand, and on a sweep. Evaluations of one agency run one at a time so two of them never
 * race to raise the same finding. Raised and resolved findings are domain events too.
 */
export function createComplianceEngine({
  prisma,
  registry,
  bus,
  log,
  clock = () => new Date(),
}: ComplianceEngineOptions): ComplianceEngine {
  const queues = new Map<string, Promise<unknown>>();

  function serialized<T>(agencyId: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(agencyId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    queues.set(agencyId, next);
    void next.finally(() => queues.get(agencyId) === next && queues.delete(agencyId)).catch(() => undefined);
    return next;
  }

  async function evaluate(agencyId: string, types?: string[]): Promise<EvaluationResult> {
    return serialized(agencyId, async () => {
      const db = scopeToAgency(prisma, agencyId);
      const agency = await db.agency.findFirstOrThrow({ select: { id: true, slug: true, name: true, timeZone: true } });
      const enabled = await loadEnabledProfiles(db, registry, log).list();
      const only = types
        ? (rule: { triggers: string[] }) => rule.triggers.some((pattern) => types.some((type) => eventMatches(pattern, type)))
        : undefined;
      const result = await evaluateCompliance({ db, agency, enabled, now: clock(), log, ...(only ? { only } : {}) });
      bus.publish([
        ...result.raised.map((finding) => findingEvent("finding.raise", finding)),
        ...result.resolved.map((finding) => findingEvent("finding.resolve", finding)),
      ]);
      return result;
    });
  }

  bus.subscribe(async (events) => {
    const typesByAgency = new Map<string, Set<string>>();
    for (const event of events) {
      if (event.type.startsWith("finding.")) continue;
      const types = typesByAgency.get(event.agencyId) ?? new Set<string>();
      types.add(event.type);
      typesByAgency.set(event.agencyId, types);
    }
    await Promise.all([...typesByAgency].map(([agencyId, types]) => evaluate(agencyId, [...types])));
  });

  return {
    evaluateAgency: (agencyId) => evaluate(agencyId),
    async sweep() {
      for (const agency of await prisma.agency.findMany({ select: { id: true } })) await evaluate(agency.id);
    },
  };
}

function findingEvent(
  type: string,
  finding: { agencyId: string; id: string; raisedAt: Date; resolvedAt: Date | null },
): DomainEvent {
  return {
    type,
    agencyId: finding.agencyId,
    entityType: "Finding",
    entityId: finding.id,
    at: finding.resolvedAt ?? finding.raisedAt,
  };
}
