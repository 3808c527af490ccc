import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import type { RenderableReport } from "./renderable-report.ts";
import type { ReportSectionContent } from "./report-template.ts";

/** The columns of a report that rendering and publishing read. */
export interface ReportRow {
  id: string;
  title: string;
  periodStart: Date;
  periodEnd: Date;
  unitId: string | null;
  status: string;
  currentVersion: number;
  publishedAt: Date | null;
}

/** A stored version's sections, as written by the engine (a JSON column). */
export function sectionsOf(version: { sections: unknown }): ReportSectionContent[] {
  return version.sections as ReportSectionContent[];
}

/**
 * The version the community sees: the one approved last before the report was (last)
 * published. Editing a published report starts a new draft version; the public keeps seeing
 * the approved one until a newer version is approved and published again.
 */
export async function publishedVersionNumber(db: TenantDb, report: ReportRow): Promise<number | null> {
  if (!report.publishedAt) return null;
  const approval = await db.reportDecision.findFirst({
    where: { reportId: report.id, decision: "APPROVED", decidedAt: { lte: report.publishedAt } },
    orderBy: { decidedAt: "desc" },
    select: { versionNumber: true },
  });
  return approval?.versionNumber ?? null;
}

/**
 * `publishedVersionNumber` for many reports at once, with each published version's content
 * hash: two statements however many reports a page lists (the public agency page lists one
 * per station).
 */
export async function publishedVersions(
  db: TenantDb,
  reports: ReportRow[],
): Promise<Map<string, { number: number; contentHash: string }>> {
  const found = new Map<string, { number: number; contentHash: string }>();
  const publishedAt = new Map(
    reports.flatMap((report) => (report.publishedAt ? [[report.id, report.publishedAt] as const] : [])),
  );
  if (publishedAt.size === 0) return found;
  const approvals = await db.reportDecision.findMany({
    where: { reportId: { in: [...publishedAt.keys()] }, decision: "APPROVED" },
    orderBy: { decidedAt: "desc" },
    select: { reportId: true, versionNumber: true, decidedAt: true },
  });
  const numbers = new Map<string, number>();
  for (const approval of approvals) {
    if (!numbers.has(approval.reportId) && approval.decidedAt <= publishedAt.get(approval.reportId)!) {
      numbers.set(approval.reportId, approval.versionNumber);
    }
  }
  if (numbers.size === 0) return found;
  const versions = await db.reportVersion.findMany({
    where: { OR: [...numbers].map(([reportId, number]) => ({ reportId, number })) },
    select: { reportId: true, number: true, contentHash: true },
  });
  for (const version of versions) found.set(version.reportId, { number: version.number, contentHash: version.contentHash });
  return found;
}

/**
 * Gathers what a renderer needs for one version of a report, or null when the version
 * does not exist. `approverRole` names who approved (a role; never a person's name).
 */
export async function loadRenderable(
  db: TenantDb,
  report: ReportRow,
  versionNumber: number,
  options: { approverRole?: string | undefined; status?: string | undefined } = {},
): Promise<RenderableReport | null> {
  const [version, agency, unit, approval] = await Promise.all([
    db.reportVersion.findFirst({ where: { reportId: report.id, number: versionNumber } }),
    db.agency.findFirst({ select: { name: true } }),
    report.unitId ? db.orgUnit.findUnique({ where: { id: report.unitId }, select: { name: true } }) : null,
    db.reportDecision.findFirst({
      where: { reportId: report.id, versionNumber, decision: "APPROVED" },
      select: { decidedAt: true },
    }),
  ]);
  if (!version) return null;
  return {
    title: report.title,
    agencyName: agency?.name ?? "",
    language: "en",
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    unitName: unit?.name ?? null,
    status: options.status ?? (versionNumber === report.currentVersion ? report.status : "SUPERSEDED"),
    versionNumber,
    contentHash: version.contentHash,
    approval: approval ? { role: options.approverRole ?? "approver", decidedAt: approval.decidedAt } : null,
    publishedAt: report.publishedAt,
    sections: sectionsOf(version),
  };
}
