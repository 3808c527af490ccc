import { conflict, notFound } from "../errors.ts";

interface VersionedDelegate<Row> {
  updateMany(args: { where: { id: string; version: number }; data: object }): Promise<{ count: number }>;
  findUnique(args: { where: { id: string } }): Promise<Row | null>;
}

/**
 * Optimistic concurrency for editable documents: the update applies only when the row is
 * still at `expectedVersion`, and bumps the version. A stale write is refused with
 * CONFLICT naming the current version; nothing is overwritten.
 *
 * @example
 * const plan = await updateVersioned(tx.plan, id, input.expectedVersion, { title }, "The plan");
 */
export async function updateVersioned<Row extends { version: number }>(
  delegate: VersionedDelegate<Row>,
  id: string,
  expectedVersion: number,
  data: object,
  what: string,
): Promise<Row> {
  const { count } = await delegate.updateMany({
    where: { id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  const current = await delegate.findUnique({ where: { id } });
  if (!current) throw notFound(what);
  if (count === 0) {
    throw conflict(
      `${what} was changed by someone else: it is at version ${current.version}, you sent ${expectedVersion}. Reload it and try again.`,
      {
        currentVersion: current.version,
      },
    );
  }
  return current;
}
