import type { DomainEvent } from "../events/domain-event.ts";

/**
 * A domain event as it travels through the pub/sub (possibly through Redis, as JSON). It
 * carries ids only, never record contents or personal data: every subscriber resolves the
 * fields it asked for itself, with its own tenant-scoped client and role.
 */
export interface LiveEvent {
  type: string;
  agencyId: string;
  entityType: string;
  entityId: string | null;
  actorMemberId: string | null;
  /** ISO 8601 instant. */
  at: string;
}

/** The wire form of a committed domain event. */
export function toLiveEvent(event: DomainEvent): LiveEvent {
  return {
    type: event.type,
    agencyId: event.agencyId,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    actorMemberId: event.actorMemberId ?? null,
    at: event.at.toISOString(),
  };
}

/** Reads a message from another process; anything malformed is dropped rather than delivered. */
export function parseLiveEvent(text: string): LiveEvent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LiveEvent>;
    if (typeof value.type !== "string" || typeof value.agencyId !== "string" || typeof value.at !== "string") return undefined;
    return {
      type: value.type,
      agencyId: value.agencyId,
      entityType: typeof value.entityType === "string" ? value.entityType : "",
      entityId: typeof value.entityId === "string" ? value.entityId : null,
      actorMemberId: typeof value.actorMemberId === "string" ? value.actorMemberId : null,
      at: value.at,
    };
  } catch {
    return undefined;
  }
}
