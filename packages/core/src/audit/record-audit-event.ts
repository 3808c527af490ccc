import type { Prisma } from "@roundtable/db";
import type { Context } from "../context.ts";
import { appendAuditEvent, type ChainWriter } from "./append-audit-event.ts";

/**
 * The tenant-scoped client or transaction of the change. Writers without `agency` (the
 * new-agency writer of platform-operations.ts) get an unchained row (seq null), which
 * `audit verify` reports; give them a ChainWriter (chainWriterFor) to chain those too.
 */
type AuditWriter = Pick<ChainWriter, "auditEvent"> & Partial<Pick<ChainWriter, "agency">>;

export interface AuditEntry {
  /** Verb in kebab case, e.g. `api-token.create`. */
  action: string;
  entityType: string;
  entityId?: string | undefined;
  outcome?: "SUCCESS" | "DENIED" | "FAILED";
  before?: Prisma.InputJsonValue | undefined;
  after?: Prisma.InputJsonValue | undefined;
}

/**
 * Records who did what. Call it with the transaction client of the change it describes,
 * so the change and its audit row commit or roll back together. The row is appended to the
 * agency's hash chain (append-audit-event.ts). A successful change is also a domain event
 * (same name as the audit action), published once the request's mutation has committed.
 */
export async function recordAuditEvent(db: AuditWriter, ctx: Context, entry: AuditEntry): Promise<void> {
  const actor = ctx.principal.kind === "member" ? ctx.principal : undefined;
  const input = {
    actorMemberId: actor?.memberId ?? null,
    actorRoles: actor?.roles ?? [],
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    outcome: entry.outcome ?? "SUCCESS",
    before: entry.before,
    after: entry.after,
    requestId: ctx.requestId,
    // The address of a member's request is audit "source" (AU-3); an anonymous
    // submitter's address is not kept, so the trail cannot unmask them (IV-07).
    source: actor ? (ctx.source ?? null) : null,
  };
  const row = db.agency
    ? await appendAuditEvent({ auditEvent: db.auditEvent, agency: db.agency }, input)
    : await db.auditEvent.create({ data: { agencyId: "", ...input } });
  if ((entry.outcome ?? "SUCCESS") === "SUCCESS") {
    ctx.events.record({
      type: entry.action,
      agencyId: row.agencyId,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      actorMemberId: actor?.memberId ?? null,
      at: row.at,
      requestId: ctx.requestId,
    });
  }
}
