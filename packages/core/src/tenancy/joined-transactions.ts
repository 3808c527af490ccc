import type { TenantDb } from "./scope-to-agency.ts";

/**
 * A transaction client that code written for a whole client can be handed: its
 * `$transaction` runs the work inside the transaction already open (Prisma's transaction
 * clients have none of their own), so that code commits with the transaction around it.
 */
export function joinedTransactions(tx: TenantDb): TenantDb {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property !== "$transaction") return Reflect.get(target, property, receiver);
      return (work: unknown) => (typeof work === "function" ? work(target) : Promise.all(work as Promise<unknown>[]));
    },
  });
}
