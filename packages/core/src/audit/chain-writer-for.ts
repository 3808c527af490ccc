import type { Prisma } from "@roundtable/db";
import type { ChainWriter } from "./append-audit-event.ts";

/**
 * A ChainWriter over an unscoped transaction, for the few places that hold one (creating
 * an agency, CLI imports): every call is pinned to `agencyId`, so the row lands in, and the
 * lock is taken on, that agency's chain only.
 *
 * @example
 * await prisma.$transaction((tx) => appendAuditEvent(chainWriterFor(tx, agency.id), entry));
 */
export function chainWriterFor(tx: Prisma.TransactionClient, agencyId: string): ChainWriter {
  const writer = {
    agency: {
      findFirst: (args: Prisma.AgencyFindFirstArgs) => tx.agency.findFirst({ ...args, where: { ...args.where, id: agencyId } }),
      updateMany: (args: Prisma.AgencyUpdateManyArgs) =>
        tx.agency.updateMany({ ...args, where: { ...args.where, id: agencyId } }),
    },
    auditEvent: {
      findFirst: (args: Prisma.AuditEventFindFirstArgs) =>
        tx.auditEvent.findFirst({ ...args, where: { ...args.where, agencyId } }),
      create: (args: Prisma.AuditEventCreateArgs) =>
        tx.auditEvent.create({ ...args, data: { ...args.data, agencyId } as Prisma.AuditEventUncheckedCreateInput }),
    },
  };
  // Only the four calls appendAuditEvent makes are offered; the cast says so to the type checker.
  return writer as unknown as ChainWriter;
}
