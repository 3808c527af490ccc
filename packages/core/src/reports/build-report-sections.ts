import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import type { AvailableTemplate } from "./available-templates.ts";
import type { ReportSectionContent } from "./report-template.ts";

export interface BuildInput {
  db: TenantDb;
  agency: { id: string; slug: string; name: string; timeZone: string };
  period: { start: Date; end: Date };
  unitId?: string | null;
  now: Date;
}

/**
 * Runs every section builder of a template, in the template's order. Builders only read;
 * run this before the transaction that stores the version.
 */
export async function buildReportSections(entry: AvailableTemplate, input: BuildInput): Promise<ReportSectionContent[]> {
  const sections: ReportSectionContent[] = [];
  for (const section of entry.template.sections) {
    const built = await section.build({ ...input, settings: entry.settings });
    sections.push({ key: section.key, title: section.title, ...stripUndefined(built) });
  }
  return sections;
}

// JSON columns drop undefined keys; dropping them here keeps the hash of what is stored
// equal to the hash of what was built.
function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
