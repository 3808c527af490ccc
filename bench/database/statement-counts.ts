import type pg from "pg";

/** SQL statements a server ran, split into its own data statements and transaction framing. */
export interface StatementCounts {
  total: number;
  /** BEGIN, COMMIT, ROLLBACK and the agency setting: what row-level security's transactions add. */
  framing: number;
  data: number;
}

const FRAMING = /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SET TRANSACTION|SAVEPOINT|RELEASE|select set_config\()/i;

export const isFraming = (sql: string) => FRAMING.test(sql);

export function countStatements(statements: { query: string; calls: number }[]): StatementCounts {
  let framing = 0;
  let data = 0;
  for (const { query, calls } of statements) {
    if (isFraming(query)) framing += calls;
    else data += calls;
  }
  return { total: framing + data, framing, data };
}

/** pg_stat_statements on the bench cluster, read and reset by the superuser. */
export class PgStatStatements {
  readonly #client: pg.Client;

  constructor(superuser: pg.Client) {
    this.#client = superuser;
  }

  async reset(): Promise<void> {
    await this.#client.query("SELECT pg_stat_statements_reset()");
  }

  /** What `role` ran in `database` since the last reset. */
  async read(database: string, role: string): Promise<StatementCounts & { statements: { query: string; calls: number }[] }> {
    const result = await this.#client.query<{ query: string; calls: string }>(
      `SELECT s.query, s.calls FROM pg_stat_statements s
         JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = $1 AND r.rolname = $2`,
      [database, role],
    );
    const statements = result.rows.map((row) => ({ query: row.query, calls: Number(row.calls) }));
    return { ...countStatements(statements), statements };
  }
}
