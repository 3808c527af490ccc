import { randomUUID } from "node:crypto";
import { type AgencyKind, agencyClientFor, type MemberKind, type Prisma, type PrismaClient } from "@roundtable/db";
import { scopeToAgency, type TenantDb } from "./scope-to-agency.ts";

export interface NewAgency {
  slug: string;
  name: string;
  kind: AgencyKind;
  timeZone: string;
  firstAdmin: { email: string; name: string; kind?: MemberKind | null | undefined };
}

/**
 * What only the platform operator does across agencies. The one place besides
 * authentication that holds the unscoped client; everything it touches is then handled
 * through a client scoped to one agency, so the tenant wall still holds inside.
 */
export interface PlatformOperations {
  /**
   * Creates an agency and its first AGENCY_ADMIN in one transaction, then runs `then` with
   * a writer for the new agency's audit trail inside that transaction, so the agency and
   * the record of who opened it commit together. A taken slug fails with the database's
   * unique violation and nothing is written.
   *
   * @example
   * await ctx.platform.createAgency(input, (db, { agencyId }) =>
   *   recordAuditEvent(db, ctx, { action: "agency.create", entityType: "Agency", entityId: agencyId }));
   */
  createAgency<T>(
    agency: NewAgency,
    then: (db: NewAgencyAuditWriter, ids: { agencyId: string; adminId: string }) => Promise<T>,
  ): Promise<T>;
  /**
   * Runs `work` with a client scoped to another agency, e.g. to show the operator the agency
   * they just created (their own request is scoped to the agency they are a member of).
   */
  withinAgency<T>(agencyId: string, work: (db: TenantDb) => Promise<T>): Promise<T>;
}

/**
 * What `createAgency` hands on: the new agency's audit trail, stamped with its id. Not a
 * whole tenant-scoped client, because Prisma cannot extend a transaction client with the
 * tenant scope (`$extends` exists only on the root client).
 */
export type NewAgencyAuditWriter = Pick<TenantDb, "auditEvent">;

export function createPlatformOperations(prisma: PrismaClient): PlatformOperations {
  return {
    createAgency(input, then) {
      // The id is chosen first so the agency and its first admin are written through the new
      // agency's own client: row-level security on PostgreSQL admits the admin's row.
      const agencyId = randomUUID();
      return agencyClientFor(prisma, agencyId).$transaction(async (tx) => {
        const agency = await tx.agency.create({
          data: { id: agencyId, slug: input.slug, name: input.name, kind: input.kind, timeZone: input.timeZone },
        });
        const admin = await tx.member.create({
          data: {
            agencyId: agency.id,
            email: input.firstAdmin.email,
            name: input.firstAdmin.name,
            kind: input.firstAdmin.kind ?? "PROFESSIONAL",
            roles: ["AGENCY_ADMIN"],
          },
        });
        const audit = {
          auditEvent: {
            create: (args: Prisma.AuditEventCreateArgs) =>
              tx.auditEvent.create({
                ...args,
                data: { ...args.data, agencyId: agency.id } as Prisma.AuditEventUncheckedCreateInput,
              }),
          },
        };
        return then(audit as unknown as NewAgencyAuditWriter, { agencyId: agency.id, adminId: admin.id });
      });
    },
    withinAgency(agencyId, work) {
      return work(scopeToAgency(prisma, agencyId));
    },
  };
}
