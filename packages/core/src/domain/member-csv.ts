/**
 * Reading an agency's personnel from CSV, as an admin exports it from a roster or HR
 * system. Pure, so it can be tested line by line and shared by the API and a CLI; the
 * agency's units and existing members are handed in by the caller.
 *
 * Format: a header line naming the columns (any order, any case), then one member per line.
 * `email`, `name` and `kind` are required; `roles` and `languages` are separated by `;`;
 * `unit` is an org unit's exact name or its code; no `roles` means MEMBER. Fields may be
 * quoted as in RFC 4180.
 *
 * ```csv
 * email,name,kind,rank,unit,roles,languages
 * d.kim@metro.example,Daniel Kim,SWORN,Sergeant,ES,MEMBER,en;ko
 * "m.chen@metro.example","Chen, Mei",PROFESSIONAL,,Harbor Station,,en;zh
 * ```
 */
import { z } from "zod";
import { isRole, type RoleName } from "../auth/roles.ts";
import { languageTag, optionalText, requiredText } from "../schema/inputs/text.ts";

/** The columns a file may have, in the order the example above shows them. */
export const MEMBER_CSV_COLUMNS = ["email", "name", "kind", "rank", "unit", "roles", "languages"] as const;
const REQUIRED_COLUMNS = ["email", "name", "kind"] as const;

/** Most members one file may add: a large sheriff's department, with room to spare. */
export const MAX_MEMBER_CSV_ROWS = 5_000;

/** Largest file accepted, in bytes of UTF-8. */
export const MAX_MEMBER_CSV_BYTES = 2 * 1024 * 1024;

/**
 * Rules for a member's fields, shared with the API's member inputs so that a CSV row and
 * a form are held to the same standard. Emails are stored trimmed and in lowercase.
 */
export const memberEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address").max(254, "must be at most 254 characters"));
export const memberName = requiredText(200);
export const memberRank = optionalText(100);

type Column = (typeof MEMBER_CSV_COLUMNS)[number];
type MemberKind = "SWORN" | "PROFESSIONAL";

/** What is wrong with one line of the file (line 1 is the header); reasons joined by "; ". */
export interface RowProblem {
  line: number;
  message: string;
}

/** One member as the file states it; `unit` is still the text of the file. */
export interface MemberCsvRow {
  line: number;
  email: string;
  name: string;
  kind: MemberKind;
  rank: string | null;
  unit: string | null;
  roles: RoleName[];
  languages: string[];
}

/** What the agency already holds, for the checks the file alone cannot make. */
export interface MemberDirectory {
  units: { id: string; name: string; code: string | null }[];
  /** Emails of the agency's members, in lowercase. */
  takenEmails: ReadonlySet<string>;
  /** Whether the importer may grant PLATFORM_OPERATOR. */
  mayGrantOperator: boolean;
}

/** A row ready to write: its unit resolved to an id. */
export type ResolvedMemberRow = Omit<MemberCsvRow, "unit"> & { unitId: string | null };

/**
 * The checks that need only the file: format, header, each field, duplicates within the
 * file. Every bad line is reported rather than stopping at the first, so that one round of
 * corrections fixes the file.
 */
export function parseMemberCsv(text: string): { rows: MemberCsvRow[]; problems: RowProblem[] } {
  if (Buffer.byteLength(text, "utf8") > MAX_MEMBER_CSV_BYTES) {
    return { rows: [], problems: [{ line: 1, message: `the file is larger than ${MAX_MEMBER_CSV_BYTES / 1024 / 1024} MB` }] };
  }
  const { records, problems } = splitCsvRecords(text);
  const [header, ...data] = records;
  if (!header) {
    return {
      rows: [],
      problems: [{ line: 1, message: `the first line must name the columns: ${MEMBER_CSV_COLUMNS.join(",")}` }],
    };
  }
  const columns = readHeader(header.fields, problems);
  if (!columns) return { rows: [], problems };
  if (data.length === 0) return { rows: [], problems: [...problems, { line: 2, message: "the file lists no members" }] };
  if (data.length > MAX_MEMBER_CSV_ROWS) {
    return {
      rows: [],
      problems: [{ line: data[MAX_MEMBER_CSV_ROWS]!.line, message: `a file may list at most ${MAX_MEMBER_CSV_ROWS} members` }],
    };
  }
  const rows: MemberCsvRow[] = [];
  const firstLineOfEmail = new Map<string, number>();
  for (const record of data) {
    const reasons: string[] = [];
    if (record.fields.length !== header.fields.length) {
      problems.push({ line: record.line, message: `has ${record.fields.length} fields, the header has ${header.fields.length}` });
      continue;
    }
    const cell = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? "" : (record.fields[index] ?? "").trim();
    };
    const row = readRow(record.line, cell, reasons);
    if (row) {
      const seen = firstLineOfEmail.get(row.email);
      if (seen !== undefined) reasons.push(`email: also on line ${seen}`);
      else firstLineOfEmail.set(row.email, row.line);
    }
    if (reasons.length) problems.push({ line: record.line, message: reasons.join("; ") });
    else if (row) rows.push(row);
  }
  return { rows, problems };
}

/**
 * The checks that need the agency: units by name or code, emails already taken, who may
 * grant what. Returns the file's problems and these together, one entry per line, and the
 * rows ready to write only when no line has a problem: an import is all or nothing.
 *
 * @example
 * const parsed = parseMemberCsv(csv);
 * const { rows, problems } = resolveMemberRows(parsed, { units, takenEmails, mayGrantOperator: false });
 */
export function resolveMemberRows(
  parsed: { rows: MemberCsvRow[]; problems: RowProblem[] },
  directory: MemberDirectory,
): { rows: ResolvedMemberRow[]; problems: RowProblem[] } {
  const problems = [...parsed.problems];
  const resolved: ResolvedMemberRow[] = [];
  for (const { unit, ...row } of parsed.rows) {
    const reasons: string[] = [];
    if (directory.takenEmails.has(row.email)) reasons.push("email: already a member of the agency");
    if (row.roles.includes("PLATFORM_OPERATOR") && !directory.mayGrantOperator) {
      reasons.push("roles: only a platform operator may grant PLATFORM_OPERATOR");
    }
    const unitId = unit ? findUnit(unit, directory.units, reasons) : null;
    if (reasons.length) problems.push({ line: row.line, message: reasons.join("; ") });
    else resolved.push({ ...row, unitId: unitId ?? null });
  }
  return problems.length ? { rows: [], problems: mergeByLine(problems) } : { rows: resolved, problems: [] };
}

function readRow(line: number, cell: (column: Column) => string, reasons: string[]): MemberCsvRow | null {
  const field = <T>(column: Column, rule: z.ZodType<T>): T | undefined => {
    const result = rule.safeParse(cell(column));
    if (!result.success) reasons.push(`${column}: ${result.error.issues[0]?.message ?? "is not valid"}`);
    return result.success ? result.data : undefined;
  };
  const email = field("email", memberEmail);
  const name = field("name", memberName);
  const rank = field("rank", memberRank);
  const kind = cell("kind").toUpperCase();
  if (kind !== "SWORN" && kind !== "PROFESSIONAL") reasons.push("kind: must be SWORN or PROFESSIONAL");
  const roles = [...new Set(splitList(cell("roles")).map((role) => role.toUpperCase()))];
  const unknownRoles = roles.filter((role) => !isRole(role));
  if (unknownRoles.length) reasons.push(`roles: unknown role ${unknownRoles.join(", ")}`);
  const languages = [...new Set(splitList(cell("languages")))];
  const badLanguages = languages.filter((tag) => !languageTag.safeParse(tag).success);
  if (badLanguages.length) reasons.push(`languages: ${badLanguages.join(", ")} is not a language tag such as "es" or "zh-Hant"`);
  if (reasons.length || email === undefined || name === undefined) return null;
  return {
    line,
    email,
    name,
    kind: kind as MemberKind,
    rank: rank || null,
    unit: cell("unit") || null,
    roles: roles.length ? (roles as RoleName[]) : ["MEMBER"],
    languages,
  };
}

/** A unit by exact name first (names are unique in an agency), then by code, any case. */
function findUnit(text: string, units: MemberDirectory["units"], reasons: string[]): string | undefined {
  const byName = units.find((unit) => unit.name === text);
  if (byName) return byName.id;
  const byCode = units.filter((unit) => unit.code?.toLowerCase() === text.toLowerCase());
  if (byCode.length === 1) return byCode[0]!.id;
  reasons.push(
    byCode.length ? `unit: several units have the code ${text}; use the unit's name` : `unit: no unit is named or coded ${text}`,
  );
  return undefined;
}

function readHeader(fields: string[], problems: RowProblem[]): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  const reasons: string[] = [];
  fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!(MEMBER_CSV_COLUMNS as readonly string[]).includes(name)) reasons.push(`unknown column "${raw.trim()}"`);
    else if (columns.has(name as Column)) reasons.push(`column ${name} appears twice`);
    else columns.set(name as Column, index);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length) reasons.push(`missing column ${missing.join(", ")}`);
  if (!reasons.length) return columns;
  problems.push({ line: 1, message: `${reasons.join("; ")}; the columns are ${MEMBER_CSV_COLUMNS.join(",")}` });
  return null;
}

const splitList = (text: string) =>
  text
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean);

/** One problem per line, in file order, however many checks found something on it. */
function mergeByLine(problems: RowProblem[]): RowProblem[] {
  const byLine = new Map<number, string[]>();
  for (const problem of problems) byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem.message]);
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, messages]) => ({ line, message: messages.join("; ") }));
}

/**
 * RFC 4180 records with the line each starts on (a quoted field may span lines). Blank
 * lines are skipped but still counted, so line numbers match what an editor shows.
 */
function splitCsvRecords(text: string): { records: { line: number; fields: string[] }[]; problems: RowProblem[] } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== "") records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === "") {
      field = "";
      quoted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += char;
  }
  if (quoted) return { records, problems: [{ line: recordLine, message: "a quoted field is never closed" }] };
  endRecord();
  return { records, problems: [] };
}
