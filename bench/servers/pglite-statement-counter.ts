import { PGlite } from "@electric-sql/pglite";
import { isFraming } from "../database/statement-counts.ts";

type Counts = { total: number; framing: number; data: number };

/**
 * Counts the SQL statements the embedded database runs in this process, where PostgreSQL
 * would count them with pg_stat_statements: every `query` and `exec`, inside transactions
 * too, with each transaction's BEGIN and COMMIT as framing. It wraps PGlite's own methods
 * (the copy @roundtable/db opens resolves to the same module), so it must run before the
 * database is opened.
 */
export function countPgliteStatements() {
  const counts: Counts = { total: 0, framing: 0, data: 0 };
  const count = (sql: unknown, times = 1) => {
    counts.total += times;
    if (typeof sql === "string" && isFraming(sql)) counts.framing += times;
    else counts.data += times;
  };
  const prototype = PGlite.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const query = prototype.query!;
  const exec = prototype.exec!;
  const transaction = prototype.transaction!;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    count(args[0]);
    return query.apply(this, args);
  };
  prototype.exec = function (this: unknown, ...args: unknown[]) {
    count(args[0]);
    return exec.apply(this, args);
  };
  prototype.transaction = function (this: unknown, work: unknown) {
    count("BEGIN");
    return transaction
      .call(this, (tx: Record<string, (...args: unknown[]) => Promise<unknown>>) => {
        const txQuery = tx.query!;
        const txExec = tx.exec!;
        tx.query = (...args: unknown[]) => {
          count(args[0]);
          return txQuery(...args);
        };
        tx.exec = (...args: unknown[]) => {
          count(args[0]);
          return txExec(...args);
        };
        return (work as (tx: unknown) => Promise<unknown>)(tx);
      })
      .finally(() => count("COMMIT"));
  };
  return {
    read: () => ({ ...counts }),
    reset() {
      counts.total = 0;
      counts.framing = 0;
      counts.data = 0;
    },
  };
}
