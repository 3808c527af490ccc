import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/**
 * The few raw-SQL operations the migration runner and health checks need, over either
 * database. Prisma is not used for these because migrations must run before the schema
 * Prisma expects exists.
 */
export interface SqlExecutor {
  /** Runs one or more statements without parameters (a migration script). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` inside one transaction, committing when it resolves. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

export function pgliteExecutor(db: Pick<PGlite, "exec" | "query" | "transaction">): SqlExecutor {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
    transaction(work) {
      return db.transaction((tx) => work(pgliteExecutor(tx as unknown as PGlite)));
    },
  };
}

export function pgPoolExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async exec(sql) {
      await pool.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as Row[];
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(pgClientExecutor(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

function pgClientExecutor(client: pg.PoolClient): SqlExecutor {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as Row[];
    },
    transaction: (work) => work(pgClientExecutor(client)),
  };
}
