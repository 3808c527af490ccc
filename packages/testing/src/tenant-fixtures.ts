import type { PrismaClient } from "@roundtable/db";

/**
 * One factory per tenant-owned model: makes a row of that model in the given agency and
 * returns its id. The tenant-isolation test walks every model Prisma knows to have an
 * `agencyId` and fails if a model has no factory here, so a new model cannot dodge it.
 */
export type TenantRowFactory = (prisma: PrismaClient, agencyId: string, tag: string) => Promise<string>;

async function anyMember(prisma: PrismaClient, agencyId: string): Promise<string> {
  const member = await prisma.member.findFirstOrThrow({ where: { agencyId } });
  return member.id;
}

export const TENANT_ROW_FACTORIES: Record<string, TenantRowFactory> = {
  AgencyProfile: async (prisma, agencyId, tag) =>
    (await prisma.agencyProfile.create({ data: { agencyId, profileId: `fixture-${tag}` } })).id,
  OrgUnit: async (prisma, agencyId, tag) =>
    (await prisma.orgUnit.create({ data: { agencyId, name: `Fixture unit ${tag}`, kind: "UNIT" } })).id,
  Member: async (prisma, agencyId, tag) =>
    (
      await prisma.member.create({
        data: { agencyId, email: `fixture-${tag}@example.org`, name: `Fixture ${tag}`, roles: ["MEMBER"] },
      })
    ).id,
  ApiToken: async (prisma, agencyId, tag) =>
    (
      await prisma.apiToken.create({
        data: {
          agencyId,
          memberId: await anyMember(prisma, agencyId),
          name: `fixture ${tag}`,
          tokenHash: `fixture-${tag}-${agencyId}`,
          roles: ["MEMBER"],
        },
      })
    ).id,
  AuditEvent: async (prisma, agencyId, tag) =>
    (await prisma.auditEvent.create({ data: { agencyId, action: `fixture.${tag}`, entityType: "Fixture" } })).id,
};
