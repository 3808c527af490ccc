import type { z } from "zod";
import type { RoleName } from "../auth/roles.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";

/** How often a report is due. */
export type ReportPeriod = "SEMI_ANNUAL" | "ANNUAL" | "QUARTERLY" | "MONTHLY";

/** A chart a renderer draws beside a section, from numbers the section builder computed. */
export interface ReportChart {
  kind: "line" | "bar";
  title: string;
  /** Category labels along the x axis (months, areas, names). */
  labels: string[];
  series: { name: string; values: number[] }[];
}

/** One built section of a report version: Markdown text, optionally a chart and a table. */
export interface ReportSectionContent {
  key: string;
  title: string;
  /** Markdown. Editors may change it before submitting; approved versions never change. */
  body: string;
  chart?: ReportChart;
  table?: { columns: string[]; rows: (string | number)[][] };
}

/** What a section builder gets: the agency's data (tenant-scoped), the period, the profile's settings. */
export interface SectionBuildContext<Settings> {
  db: TenantDb;
  agency: { id: string; slug: string; name: string; timeZone: string };
  period: { start: Date; end: Date };
  /** The unit the report is about, for per-unit reports (a station's plan update). */
  unitId?: string | null;
  settings: Settings;
  now: Date;
}

export interface ReportSectionTemplate<Settings> {
  key: string;
  title: string;
  /** Policy clause ids this section answers. */
  clauses?: string[];
  build(ctx: SectionBuildContext<Settings>): Promise<Omit<ReportSectionContent, "key" | "title">>;
}

/**
 * A report a profile contributes: its kind, period, sections and who must approve it.
 *
 * @example
 * const annualReport = defineReportTemplate<Settings>({
 *   key: "annual-engagement-report",
 *   title: "Annual Community Engagement Report",
 *   period: "ANNUAL",
 *   perUnit: false,
 *   preparedBy: ["COORDINATOR"],
 *   approverRole: (settings) => settings.approverRole,
 *   approverMustDiffer: true,
 *   sections: [strategiesByArea, meetingsAttended, whatChanged],
 * });
 */
export interface ReportTemplate<Settings = unknown> {
  /** Unique across installed profiles. */
  key: string;
  title: string;
  period: ReportPeriod;
  /** One report per unit (e.g. per patrol station) rather than one per agency. */
  perUnit: boolean;
  /** Roles that may create, edit and submit it. */
  preparedBy: RoleName[];
  /** The role that must approve it, possibly from the profile's settings. */
  approverRole: RoleName | ((settings: Settings) => RoleName);
  /** Approving your own report is refused when true. */
  approverMustDiffer: boolean;
  sections: ReportSectionTemplate<Settings>[];
  /** Optional extra settings validation for this template. */
  settings?: z.ZodType<unknown>;
}

export function defineReportTemplate<Settings>(template: ReportTemplate<Settings>): ReportTemplate<Settings> {
  const keys = new Set<string>();
  for (const section of template.sections) {
    if (keys.has(section.key)) throw new Error(`report template "${template.key}": section "${section.key}" is declared twice`);
    keys.add(section.key);
  }
  return template;
}
