import type { AuditEntry } from "../audit/record-audit-event.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import { findDuplicateRows, type IndicatorCsvRow, parseIndicatorCsv, type RowProblem } from "./indicator-csv.ts";

/** The transaction client of a tenant-scoped database. */
export type TenantTransaction = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

export interface IndicatorImportOptions {
  /** Writes the import's audit row, inside the import's transaction. */
  audit: (tx: TenantTransaction, entry: AuditEntry) => Promise<unknown>;
  /**
   * Units the caller may record figures for (a unit commander: the units they command);
   * leave it out for roles that record figures for every unit.
   */
  writableUnitIds?: ReadonlySet<string> | undefined;
}

/** `imported` counts every observation of the file; `updated` those that replaced an existing value. */
export interface IndicatorImportSummary {
  imported: number;
  created: number;
  updated: number;
}

export type IndicatorImportResult = ({ ok: true } & IndicatorImportSummary) | { ok: false; problems: RowProblem[] };

interface ResolvedRow extends IndicatorCsvRow {
  indicatorId: string;
  unitId: string;
}

/** Rows per INSERT (or ids per UPDATE): well under PostgreSQL's 65535 bind parameters. */
const INSERT_CHUNK = 5_000;

/**
 * Imports a CSV of observations into the agency of `db`, all or nothing: every bad line is
 * reported (with the file's checks, unknown indicators, units that are not the agency's or
 * not the caller's, and duplicates naming both lines), and nothing is written unless every
 * line is good. Observations are keyed by indicator, unit and period start, so importing
 * the same file again updates the values instead of adding rows.
 *
 * @example
 * const result = await importIndicatorObservations(ctx.db, csv, { audit: (tx, entry) => recordAuditEvent(tx, ctx, entry) });
 * if (!result.ok) throw badCsv(result.problems);
 */
export async function importIndicatorObservations(
  db: TenantDb,
  csv: string,
  options: IndicatorImportOptions,
): Promise<IndicatorImportResult> {
  const parsed = parseIndicatorCsv(csv);
  // Generous limits: a 100k-row file is one long transaction on purpose (all or nothing).
  return db.$transaction(
    async (tx) => {
      const resolved = await resolveRows(tx, parsed.rows, options.writableUnitIds);
      const duplicates = findDuplicateRows(resolved.rows, (row) => observationKey(row.indicatorId, row.unitId, row.periodStart));
      const problems = [...parsed.problems, ...resolved.problems, ...duplicates].sort((a, b) => a.line - b.line);
      if (problems.length > 0) return { ok: false as const, problems };

      const summary = await writeObservations(tx, resolved.rows);
      await options.audit(tx, {
        action: "indicator-observations.import",
        entityType: "Observation",
        after: { ...summary, indicators: [...new Set(resolved.rows.map((row) => row.indicator))].sort() },
      });
      return { ok: true as const, ...summary };
    },
    { maxWait: 10_000, timeout: 300_000 },
  );
}

async function resolveRows(
  tx: TenantTransaction,
  rows: IndicatorCsvRow[],
  writableUnitIds: ReadonlySet<string> | undefined,
): Promise<{ rows: ResolvedRow[]; problems: RowProblem[] }> {
  const [indicators, units] = await Promise.all([
    tx.indicator.findMany({ select: { id: true, key: true } }),
    tx.orgUnit.findMany({ select: { id: true, name: true, code: true } }),
  ]);
  const indicatorIds = new Map(indicators.map((indicator) => [indicator.key, indicator.id]));
  const unitsByLabel = new Map<string, Set<string>>();
  for (const unit of units) {
    for (const label of [unit.name, unit.code]) {
      if (label) unitsByLabel.set(label, (unitsByLabel.get(label) ?? new Set()).add(unit.id));
    }
  }

  const resolved: ResolvedRow[] = [];
  const problems: RowProblem[] = [];
  for (const row of rows) {
    const report = (message: string) => problems.push({ line: row.line, message });
    const indicatorId = indicatorIds.get(row.indicator);
    if (!indicatorId) report(`indicator "${row.indicator}" is not defined in this agency; define it before importing`);
    const candidates = [...(unitsByLabel.get(row.unit) ?? [])];
    const unitId = candidates.length === 1 ? candidates[0] : undefined;
    if (candidates.length === 0) report(`unit "${row.unit}" is not an org unit of this agency`);
    else if (!unitId) report(`unit "${row.unit}" is ambiguous: it is the code of one unit and the name of another`);
    else if (writableUnitIds && !writableUnitIds.has(unitId)) report(`unit "${row.unit}" is not a unit you command`);
    if (indicatorId && unitId && (!writableUnitIds || writableUnitIds.has(unitId))) {
      resolved.push({ ...row, indicatorId, unitId });
    }
  }
  return { rows: resolved, problems };
}

async function writeObservations(tx: TenantTransaction, rows: ResolvedRow[]): Promise<IndicatorImportSummary> {
  if (rows.length === 0) return { imported: 0, created: 0, updated: 0 };
  // A loop, not Math.min(...): spreading 100k arguments can overflow the stack.
  let first = rows[0]!.periodStart;
  let last = first;
  for (const row of rows) {
    if (row.periodStart < first) first = row.periodStart;
    if (row.periodStart > last) last = row.periodStart;
  }
  const existing = await tx.observation.findMany({
    where: {
      indicatorId: { in: [...new Set(rows.map((row) => row.indicatorId))] },
      unitId: { in: [...new Set(rows.map((row) => row.unitId))] },
      periodStart: { gte: first, lte: last },
    },
    select: { id: true, indicatorId: true, unitId: true, periodStart: true, periodEnd: true, value: true },
  });
  const byKey = new Map(existing.map((row) => [observationKey(row.indicatorId, row.unitId, row.periodStart), row]));

  const fresh: ResolvedRow[] = [];
  // Changed rows grouped by what they change to: counts repeat a lot, so a corrected year of
  // figures is a few hundred UPDATEs rather than one per row.
  const changes = new Map<string, { data: { value: number; periodEnd?: Date }; ids: string[] }>();
  let updated = 0;
  for (const row of rows) {
    const current = byKey.get(observationKey(row.indicatorId, row.unitId, row.periodStart));
    if (!current) {
      fresh.push(row);
      continue;
    }
    updated++;
    const endMoved = current.periodEnd.getTime() !== row.periodEnd.getTime();
    // Unchanged figures are left alone: re-importing a whole year rewrites only what moved.
    if (current.value === row.value && !endMoved) continue;
    const change = `${row.value}|${endMoved ? row.periodEnd.getTime() : ""}`;
    const group = changes.get(change) ?? { data: { value: row.value, ...(endMoved && { periodEnd: row.periodEnd }) }, ids: [] };
    group.ids.push(current.id);
    changes.set(change, group);
  }
  for (const { data, ids } of changes.values()) {
    for (let start = 0; start < ids.length; start += INSERT_CHUNK) {
      await tx.observation.updateMany({ where: { id: { in: ids.slice(start, start + INSERT_CHUNK) } }, data });
    }
  }
  for (let start = 0; start < fresh.length; start += INSERT_CHUNK) {
    await tx.observation.createMany({
      data: fresh.slice(start, start + INSERT_CHUNK).map((row) => ({
        agencyId: "",
        indicatorId: row.indicatorId,
        unitId: row.unitId,
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
        value: row.value,
      })),
    });
  }
  return { imported: rows.length, created: fresh.length, updated };
}

function observationKey(indicatorId: string, unitId: string, periodStart: Date): string {
  return `${indicatorId}|${unitId}|${periodStart.getTime()}`;
}
