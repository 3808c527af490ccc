import { verifyAuditChain } from "@roundtable/core";
import { agencyClientFor, type PrismaClient } from "@roundtable/db";
import type { Acknowledged, StreamResult } from "./mutation-stream.ts";

/**
 * Everything that must hold after a crash and restart, read straight from the database,
 * agency by agency (each through its own client: row-level security on PostgreSQL shows the
 * root client no tenant row). Returns one line per problem, so a failure shows them all.
 *
 * - every acknowledged mutation is there, in full;
 * - nothing is half-written: every row the stream wrote has its audit event and every
 *   such audit event has its row (one transaction), and an activity has exactly the
 *   links and language requests its audit event counted;
 * - no more rows than requests sent (nothing written twice);
 * - each agency's audit hash chain verifies (`roundtable audit verify`'s check).
 */
export async function findCrashDamage(root: PrismaClient, prefix: string, stream: StreamResult): Promise<string[]> {
  const problems: string[] = [];
  const agencies = await root.agency.findMany({ select: { id: true, slug: true } });
  for (const agency of agencies) {
    const acknowledged = stream.acknowledged.filter((ack) => ack.agency === agency.slug);
    problems.push(...(await findAgencyDamage(agencyClientFor(root, agency.id), agency.id, prefix, acknowledged)));
    const report = await verifyAuditChain(root, agency.id);
    if (!report.ok) problems.push(`audit chain of ${agency.slug}: ${report.problem?.message}`);
  }
  // Nothing written twice: at most one row per request sent (answered or cut off).
  const written = stream.acknowledged.length + stream.unanswered.length;
  let rows = 0;
  for (const agency of agencies) {
    const prisma = agencyClientFor(root, agency.id);
    const agencyId = agency.id;
    rows +=
      (await prisma.stakeholder.count({ where: { agencyId, name: { startsWith: prefix } } })) +
      (await prisma.activity.count({ where: { agencyId, title: { startsWith: prefix } } })) +
      (await prisma.stakeholderContact.count({ where: { agencyId, name: { startsWith: prefix } } }));
  }
  if (rows > written) problems.push(`${rows} rows for ${written} requests sent`);
  return problems;
}

/** The agency's own rows only: explicit `agencyId` filters, as the embedded client is not scoped. */
async function findAgencyDamage(
  prisma: PrismaClient,
  agencyId: string,
  prefix: string,
  acknowledgedHere: Acknowledged[],
): Promise<string[]> {
  const problems: string[] = [];

  const stakeholders = await prisma.stakeholder.findMany({ where: { agencyId, name: { startsWith: prefix } } });
  const activities = await prisma.activity.findMany({
    where: { agencyId, title: { startsWith: prefix } },
    include: { stakeholders: true, participants: true, languageRequests: true },
  });
  const contacts = await prisma.stakeholderContact.findMany({ where: { agencyId, name: { startsWith: prefix } } });
  const audit = await prisma.auditEvent.findMany({
    where: { agencyId, action: { in: ["stakeholder.create", "activity.create", "stakeholder-contact.create"] } },
  });
  const auditOf = (action: string, entityId: string) =>
    audit.filter((event) => event.action === action && event.entityId === entityId && event.outcome === "SUCCESS");

  for (const ack of acknowledgedHere) {
    if (ack.kind === "stakeholder") {
      const row = stakeholders.find((candidate) => candidate.id === ack.id);
      if (row?.name !== ack.name) problems.push(`acknowledged ${ack.name} is missing`);
    } else if (ack.kind === "contact") {
      const row = contacts.find((candidate) => candidate.id === ack.id);
      if (row?.name !== ack.name || row.stakeholderId !== ack.stakeholderId) problems.push(`acknowledged ${ack.name} is missing`);
    } else {
      const row = activities.find((candidate) => candidate.id === ack.id);
      if (row?.title !== ack.title) {
        problems.push(`acknowledged ${ack.title} is missing`);
        continue;
      }
      const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
      if (
        !same(
          row.stakeholders.map((link) => link.stakeholderId),
          ack.stakeholderIds,
        )
      )
        problems.push(`acknowledged ${ack.title} lost stakeholder links`);
      if (
        !same(
          row.participants.map((link) => link.memberId),
          ack.participantIds,
        )
      )
        problems.push(`acknowledged ${ack.title} lost participants`);
      if (
        !same(
          row.languageRequests.map((request) => request.language),
          ack.languages,
        )
      )
        problems.push(`acknowledged ${ack.title} lost language requests`);
    }
  }

  for (const row of stakeholders) {
    if (auditOf("stakeholder.create", row.id).length !== 1) problems.push(`${row.name} has no single audit event`);
  }
  for (const row of contacts) {
    if (auditOf("stakeholder-contact.create", row.id).length !== 1) problems.push(`${row.name} has no single audit event`);
  }
  for (const row of activities) {
    const events = auditOf("activity.create", row.id);
    if (events.length !== 1) {
      problems.push(`${row.title} has no single audit event`);
      continue;
    }
    const after = events[0]?.after as { stakeholders?: number; participants?: number; languages?: string[] } | null;
    if (
      after?.stakeholders !== row.stakeholders.length ||
      after?.participants !== row.participants.length ||
      after?.languages?.length !== row.languageRequests.length
    ) {
      problems.push(`${row.title} is half-written: its links differ from what its audit event recorded`);
    }
  }
  // The other direction, over all rows (the demo data deletes nothing these actions create).
  const existing = new Set(
    [
      ...(await prisma.stakeholder.findMany({ where: { agencyId }, select: { id: true } })),
      ...(await prisma.activity.findMany({ where: { agencyId }, select: { id: true } })),
      ...(await prisma.stakeholderContact.findMany({ where: { agencyId }, select: { id: true } })),
    ].map((row) => row.id),
  );
  for (const event of audit) {
    if (!event.entityId || !existing.has(event.entityId))
      problems.push(`audit event ${event.action} ${event.entityId} has no row`);
  }
  return problems;
}
