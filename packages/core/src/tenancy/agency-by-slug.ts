import type { PrismaClient } from "@roundtable/db";
import { scopeToAgency, type TenantDb } from "./scope-to-agency.ts";

/** An agency named in a public request, with a client scoped to it. */
export interface AgencyScope {
  agencyId: string;
  slug: string;
  name: string;
  db: TenantDb;
}

export type ScopeBySlug = (slug: string) => Promise<AgencyScope | null>;

/**
 * For what the public does without an account (submit feedback, answer a survey, read
 * what an agency published): the agency comes from the request, not from a token, and the
 * work then runs through a client scoped to that agency alone.
 */
export function createScopeBySlug(prisma: PrismaClient): ScopeBySlug {
  return async (slug) => {
    const agency = await prisma.agency.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
    return agency ? { agencyId: agency.id, slug: agency.slug, name: agency.name, db: scopeToAgency(prisma, agency.id) } : null;
  };
}
