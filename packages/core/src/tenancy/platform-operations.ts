import type { AgencyKind, MemberKind, PrismaClient } from "@roundtable/db";
import { scopeToAgency, type TenantDb } from "./scope-to-agency.ts";

export interface NewAgency {
  slug: string;
  name: string;
  kind: AgencyKind;
  timeZone: string;
  firstAdmin: { email: string; name: string; kind?: MemberKind };
}

/**
 * What only the platform operator does across agencies. The one place besides
 * authentication that holds the unscoped client; everything it creates is then handled
 * through a client scoped to the new agency.
 */
export interface PlatformOperations {
  /**
   * Creates an agency and its first AGENCY_ADMIN in one transaction, then runs `then` (for
   * the audit event, say) with a client scoped to the new agency inside that transaction.
   */
  createAgency<T>(agency: NewAgency, then: (db: TenantDb, ids: { agencyId: string; adminId: string }) => Promise<T>): Promise<T>;
}

export function createPlatformOperations(prisma: PrismaClient): PlatformOperations {
  return {
    createAgency(input, then) {
      return prisma.$transaction(async (tx) => {
        const agency = await tx.agency.create({
          data: { slug: input.slug, name: input.name, kind: input.kind, timeZone: input.timeZone },
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
        return then(scopeToAgency(tx as unknown as PrismaClient, agency.id), { agencyId: agency.id, adminId: admin.id });
      });
    },
  };
}
