import type { Dataset, Row, TableRows } from "./generate.ts";

/** Runs SQL with positional parameters; the loader needs nothing else from a driver. */
export type RunSql = (sql: string, params?: unknown[]) => Promise<unknown>;

/** A connection as the schema's owner, able to run work in one transaction. */
export interface BulkTarget {
  transaction(work: (run: RunSql) => Promise<void>): Promise<void>;
}

const CHUNK_ROWS = 5000;

/**
 * Writes the dataset with one statement per chunk of up to 5,000 rows: the rows travel as a
 * single JSON parameter and `json_populate_recordset` turns them into the table's row type,
 * so PostgreSQL and PGlite load the same way, with no per-row round trips and no COPY.
 * Each agency is written in one transaction that names it first, because the tenant
 * tables' row-level security (FORCEd, so the owner too) accepts only that agency's rows.
 */
export async function loadDataset(target: BulkTarget, dataset: Dataset): Promise<void> {
  for (const [index, tables] of dataset.tables.entries()) {
    const agencyId = dataset.agencies[index]!.id;
    await target.transaction(async (run) => {
      await run("SELECT set_config('roundtable.agency_id', $1, true)", [agencyId]);
      for (const table of tables) await loadTable(run, table);
    });
  }
  await target.transaction(async (run) => {
    await run("ANALYZE");
  });
}

async function loadTable(run: RunSql, { table, rows }: TableRows) {
  for (let offset = 0; offset < rows.length; offset += CHUNK_ROWS) {
    const chunk = rows.slice(offset, offset + CHUNK_ROWS);
    await run(statementFor(table, chunk), [JSON.stringify(chunk)]);
  }
}

/** `Table` inserts; `Table.column` fills a column afterwards (a foreign key that points forward). */
function statementFor(table: string, chunk: Row[]) {
  const [name, laterColumn] = table.split(".");
  if (laterColumn) {
    return `UPDATE "${name}" AS t SET "${laterColumn}" = j."${laterColumn}" FROM json_populate_recordset(NULL::"${name}", $1::json) AS j WHERE t.id = j.id`;
  }
  const columns = Object.keys(chunk[0] ?? {})
    .map((column) => `"${column}"`)
    .join(", ");
  return `INSERT INTO "${name}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${name}", $1::json)`;
}
