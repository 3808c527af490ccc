import { type AgencyScope, joinedTransactions, type ScopeBySlug, type TenantDb } from "@roundtable/core";

/**
 * One transaction for what a public query reads of an agency, opened when the query first
 * names the agency (its slug is an argument, so nothing is known before execution) and
 * committed when the operation is done: the public page's reads share one row-level-security
 * framing instead of paying BEGIN, the setting and COMMIT each.
 *
 * Only the first agency a query names gets one: every other agency it names (aliases) reads
 * statement by statement as before, so a query can never hold more than one pooled
 * connection for its whole run. The same slug asked again is the same scope.
 */
export function publicReadTransaction(scopeBySlug: ScopeBySlug): {
  scopeBySlug: ScopeBySlug;
  /** Commits the transaction, if one was opened; call once the operation's execution is over. */
  finish(): Promise<void>;
} {
  const scopes = new Map<string, Promise<AgencyScope | null>>();
  let opened: Promise<unknown> | undefined;
  let release!: () => void;
  const executionOver = new Promise<void>((resolve) => {
    release = resolve;
  });

  const inTransaction = (scope: AgencyScope) =>
    new Promise<AgencyScope>((resolve, reject) => {
      opened = scope.db
        .$transaction(async (tx) => {
          resolve({ ...scope, db: joinedTransactions(tx as unknown as TenantDb) });
          await executionOver;
        })
        .catch(reject);
    });

  return {
    scopeBySlug(slug) {
      let scope = scopes.get(slug);
      if (!scope) {
        const first = scopes.size === 0;
        scope = scopeBySlug(slug).then((found) => (found && first ? inTransaction(found) : found));
        scopes.set(slug, scope);
      }
      return scope;
    },
    async finish() {
      release();
      await opened;
    },
  };
}
