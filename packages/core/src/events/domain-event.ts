/**
 * Something that happened in an agency: a record created, updated, submitted, approved; a
 * finding raised or resolved. Types are `<entity>.<verb>` in kebab case, the same names the
 * audit trail uses (`plan-revision.submit`, `feedback.answer`, `finding.raise`).
 */
export interface DomainEvent {
  type: string;
  agencyId: string;
  entityType: string;
  entityId?: string | null;
  actorMemberId?: string | null;
  at: Date;
  requestId?: string;
}

/** True when `type` matches a pattern: an exact type, `entity.*`, or `*`. */
export function eventMatches(pattern: string, type: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
