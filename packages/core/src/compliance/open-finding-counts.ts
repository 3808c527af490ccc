import DataLoader from "dataloader";
import type { Context } from "../context.ts";

type Severity = "INFO" | "WARNING" | "VIOLATION";
/** A severity, or `ALL` for every open finding. */
export type OpenFindingCountKey = Severity | "ALL";

const loaders = new WeakMap<Context, DataLoader<OpenFindingCountKey, number>>();

/**
 * The agency's open findings counted by severity, one grouped statement for every count asked
 * in the same tick: a dashboard that shows the open count and the open violations (two
 * `openCount` fields) reads once. Nothing is kept between batches (`cache: false`), so a count
 * asked after a mutation in the same operation is read again.
 */
export function openFindingCount(ctx: Context, key: OpenFindingCountKey): Promise<number> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (keys: readonly OpenFindingCountKey[]) => {
        const groups = await ctx.db.finding.groupBy({
          by: ["severity"],
          where: { resolvedAt: null },
          _count: { _all: true },
        });
        const counts = new Map<OpenFindingCountKey, number>(groups.map((group) => [group.severity, group._count._all]));
        counts.set(
          "ALL",
          groups.reduce((sum, group) => sum + group._count._all, 0),
        );
        return keys.map((key) => counts.get(key) ?? 0);
      },
      { cache: false },
    );
    loaders.set(ctx, loader);
  }
  return loader.load(key);
}
