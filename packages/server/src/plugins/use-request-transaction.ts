import { type Context, joinedTransactions, type TenantDb } from "@roundtable/core";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import { publicReadTransaction } from "./public-read-transaction.ts";

/**
 * Runs each signed-in member's query in one database transaction (PostgreSQL only).
 *
 * Under row-level security every statement outside a transaction is wrapped in its own
 * (BEGIN with the agency setting, the statement, COMMIT: three round trips). A dashboard
 * query issues one statement per list level, so one transaction for the whole operation
 * costs two round trips more than its statements instead of three times their number, and
 * its lists and counts come from one connection. A public query (no account) learns its
 * agency from an argument, so its transaction opens when it first names one
 * (publicReadTransaction). Mutations keep their own transactions (each audited change
 * commits on its own); subscriptions are untouched.
 */
export function useRequestTransaction(): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const context = args.contextValue as Context;
      if (getOperationAST(args.document, args.operationName ?? undefined)?.operation !== "query") return;
      if (context.principal.kind === "public") {
        const scopeBySlug = context.scopeBySlug;
        setExecuteFn(async (executeArgs) => {
          const reads = publicReadTransaction(scopeBySlug);
          context.scopeBySlug = reads.scopeBySlug;
          try {
            return await executeFn(executeArgs);
          } finally {
            context.scopeBySlug = scopeBySlug;
            await reads.finish();
          }
        });
        return;
      }
      if (context.principal.kind !== "member") return;
      const db = context.db;
      setExecuteFn((executeArgs) =>
        db.$transaction(async (tx) => {
          context.db = joinedTransactions(tx as unknown as TenantDb);
          try {
            return await executeFn(executeArgs);
          } finally {
            context.db = db;
          }
        }),
      );
    },
  };
}
