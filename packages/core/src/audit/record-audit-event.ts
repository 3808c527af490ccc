import type { Prisma } from "@roundtable/db";
import type { Context } from "../context.ts";

export interface AuditEntry {
  /** Verb in kebab case, e.g. `api-token.create`. */
  action: string;
  entityType: string;
  entityId?: string | undefined;
  outcome?: "SUCCESS" | "DENIED" | "FAILED";
  before?: Prisma.InputJsonValue | undefined;
  after?: Prisma.InputJsonValue | undefined;
}

type AuditWriter = Pick<Context["db"], "auditEvent">;

/**
 * Records who did what. Call it with the transaction client of the change it describes,
 * so the change and its audit row commit or roll back together. A successful change is
 * also a domain event (same name as the audit action), published once the request's
 * mutation has committed.
 */
export async function recordAuditEvent(db: AuditWriter, ctx: Context, entry: AuditEntry): Promise<void> {
  const actor = ctx.principal.kind === "member" ? ctx.principal : undefined;
  const row = await db.auditEvent.create({
    data: {
      agencyId: "", // stamped by the tenant scope
      actorMemberId: actor?.memberId ?? null,
      actorRoles: actor?.roles ?? [],
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      outcome: entry.outcome ?? "SUCCESS",
      before: entry.before,
      after: entry.after,
      requestId: ctx.requestId,
    },
  });
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
