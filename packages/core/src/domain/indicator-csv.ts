/**
 * Reading crime and quality-of-life figures from CSV (CPP-18): the file format, and every
 * check that needs nothing but the file. Pure, so the API and the CLI share it; checks that
 * need the agency's indicators and units live in `import-indicators.ts`.
 *
 * Format: a header line naming the columns (any order, any case), then one observation per
 * line:
 *
 * ```csv
 * indicator,unit,period_start,period_end,value
 * burglary,ES,2026-09-01,2026-09-30,14
 * graffiti-reports,"Harbor Station",2026-09-01,2026-09-30,31
 * ```
 *
 * `indicator` is the key of an indicator the agency has already defined: an import never
 * invents indicators, so a typo cannot start a new series. `unit` is an org unit's code or
 * its exact name. Fields may be quoted as in RFC 4180.
 */

/** Columns every file must have, in the order the docs show them. */
export const INDICATOR_CSV_COLUMNS = ["indicator", "unit", "period_start", "period_end", "value"] as const;

/** Largest file accepted, in bytes of UTF-8. */
export const MAX_INDICATOR_CSV_BYTES = 5 * 1024 * 1024;

/** Most observations one file may hold. */
export const MAX_INDICATOR_CSV_ROWS = 100_000;

/** What an indicator key looks like: lowercase letters, digits and dashes. */
export const INDICATOR_KEY = /^[a-z0-9-]+$/;

/** A problem with one line of the file; line 1 is the header. */
export interface RowProblem {
  line: number;
  message: string;
}

/** One observation as the file states it; `unit` and `indicator` are not yet resolved. */
export interface IndicatorCsvRow {
  line: number;
  indicator: string;
  unit: string;
  periodStart: Date;
  periodEnd: Date;
  value: number;
}

export interface ParsedIndicatorCsv {
  rows: IndicatorCsvRow[];
  problems: RowProblem[];
}

type Column = (typeof INDICATOR_CSV_COLUMNS)[number];

/**
 * Parses and checks a whole file, reporting every bad line rather than stopping at the
 * first, so one round of corrections fixes the file.
 *
 * @example
 * const { rows, problems } = parseIndicatorCsv(text);
 * for (const problem of problems) console.error(`line ${problem.line}: ${problem.message}`);
 */
export function parseIndicatorCsv(text: string): ParsedIndicatorCsv {
  if (Buffer.byteLength(text, "utf8") > MAX_INDICATOR_CSV_BYTES) {
    return { rows: [], problems: [{ line: 1, message: `the file is larger than ${MAX_INDICATOR_CSV_BYTES / 1024 / 1024} MB` }] };
  }
  const { records, problems } = splitCsvRecords(text);
  const [header, ...data] = records;
  if (!header) {
    return {
      rows: [],
      problems: [{ line: 1, message: `the file is empty; the first line must be: ${INDICATOR_CSV_COLUMNS.join(",")}` }],
    };
  }
  const columns = readHeader(header.fields, problems);
  if (!columns) return { rows: [], problems: sortByLine(problems) };
  if (data.length > MAX_INDICATOR_CSV_ROWS) {
    const first = data[MAX_INDICATOR_CSV_ROWS]!;
    problems.push({ line: first.line, message: `too many rows: a file may hold at most ${MAX_INDICATOR_CSV_ROWS} observations` });
    return { rows: [], problems: sortByLine(problems) };
  }
  const rows: IndicatorCsvRow[] = [];
  for (const record of data) {
    const row = readRow(record, columns, header.fields.length, problems);
    if (row) rows.push(row);
  }
  return { rows, problems: sortByLine(problems) };
}

/**
 * Problems for rows that describe the same observation twice, naming both lines. `keyOf`
 * says what "the same" means (after units and indicators are resolved); rows it maps to
 * `undefined` are skipped.
 */
export function findDuplicateRows<Row extends { line: number }>(
  rows: Row[],
  keyOf: (row: Row) => string | undefined,
): RowProblem[] {
  const firstLine = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const earlier = firstLine.get(key);
    if (earlier === undefined) firstLine.set(key, row.line);
    else problems.push({ line: row.line, message: `same indicator, unit and period_start as line ${earlier}` });
  }
  return problems;
}

/**
 * A calendar day written `YYYY-MM-DD`, as midnight UTC (how the database's DATE columns
 * come back), or null when the text is no real day (`2026-02-30`, `26-1-5`, `2026-13-01`).
 */
export function parseCalendarDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** The `YYYY-MM-DD` form of a calendar day held as midnight UTC. */
export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function readHeader(fields: string[], problems: RowProblem[]): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  const before = problems.length;
  fields.forEach((raw, index) => {
    const name = raw.toLowerCase();
    if (!(INDICATOR_CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ line: 1, message: `unknown column "${raw}" (the columns are ${INDICATOR_CSV_COLUMNS.join(", ")})` });
    } else if (columns.has(name as Column)) {
      problems.push({ line: 1, message: `column "${name}" appears twice` });
    } else {
      columns.set(name as Column, index);
    }
  });
  const missing = INDICATOR_CSV_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    problems.push({
      line: 1,
      message: `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; the first line must name the columns: ${INDICATOR_CSV_COLUMNS.join(",")}`,
    });
  }
  return problems.length === before ? columns : null;
}

function readRow(
  record: CsvRecord,
  columns: Map<Column, number>,
  width: number,
  problems: RowProblem[],
): IndicatorCsvRow | undefined {
  const { line, fields } = record;
  const report = (message: string) => problems.push({ line, message });
  if (fields.length !== width) {
    report(`expected ${width} fields, found ${fields.length}`);
    return undefined;
  }
  const field = (column: Column) => fields[columns.get(column)!]!;
  const before = problems.length;

  const indicator = field("indicator");
  if (!indicator) report("indicator is empty");
  else if (!INDICATOR_KEY.test(indicator) || indicator.length > 64)
    report(`indicator "${indicator}" is not an indicator key (lowercase letters, digits and dashes)`);

  const unit = field("unit");
  if (!unit) report("unit is empty");

  const periodStart = parseCalendarDate(field("period_start"));
  if (!periodStart) report(`period_start "${field("period_start")}" is not a date written YYYY-MM-DD`);
  const periodEnd = parseCalendarDate(field("period_end"));
  if (!periodEnd) report(`period_end "${field("period_end")}" is not a date written YYYY-MM-DD`);
  if (periodStart && periodEnd && periodEnd < periodStart) {
    report(`period_end ${field("period_end")} is before period_start ${field("period_start")}`);
  }

  const value = parseValue(field("value"));
  if (value === undefined) report(`value "${field("value")}" is not a number of 0 or more`);

  if (problems.length > before || !periodStart || !periodEnd || value === undefined) return undefined;
  return { line, indicator, unit, periodStart, periodEnd, value };
}

/** Plain decimals only: `Number()` would accept "", "0x1F", "1e400" and " ". */
function parseValue(text: string): number | undefined {
  if (!/^\+?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

interface CsvRecord {
  /** Line the record starts on (1-based). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records: commas between fields, double quotes around fields that hold commas,
 * quotes (doubled) or line breaks. Blank lines are skipped but still counted, so line
 * numbers match what an editor shows.
 */
function splitCsvRecords(input: string): { records: CsvRecord[]; problems: RowProblem[] } {
  const text = input.replace(/^\uFEFF/, "");
  const records: CsvRecord[] = [];
  const problems: RowProblem[] = [];
  let line = 1;
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let recordLine = 1;

  const endRecord = () => {
    fields.push(field.trim());
    if (fields.length > 1 || fields[0] !== "") records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (char === ",") {
      fields.push(field.trim());
      field = "";
    } else if (char === "\n" || (char === "\r" && text[i + 1] === "\n")) {
      if (char === "\r") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) problems.push({ line: recordLine, message: "a quoted field is never closed" });
  else endRecord();
  return { records, problems };
}

function sortByLine(problems: RowProblem[]): RowProblem[] {
  return problems.sort((a, b) => a.line - b.line);
}
