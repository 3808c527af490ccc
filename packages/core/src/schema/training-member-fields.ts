import DataLoader from "dataloader";
import { AUDITED_READ } from "../audit/record-denied-attempt.ts";
import type { Context } from "../context.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";
import { canSeeTrainingOf } from "./training-access.ts";

// A member's training ledger and hours (CPP-19), on the Member type. Visible to the member
// and to staff; anyone else gets FORBIDDEN for these fields only, not for the member.

builder.prismaObjectFields("Member", (t) => ({
  trainingRecords: t.relatedConnection("trainingRecords", {
    cursor: "id",
    totalCount: true,
    description: "The member's completed courses, most recent first.",
    authScopes: (member, _args, ctx) => canSeeTrainingOf(ctx, member.id),
    extensions: AUDITED_READ,
    query: { orderBy: [{ completedOn: "desc" }, { id: "asc" }] },
  }),
  trainingHours: t.float({
    description:
      "Hours of training the member completed in the window (all time without one). A record counts when the day " +
      "it was completed (in UTC) lies within the window, both ends included.",
    args: {
      from: t.arg({ type: "DateTime", required: false }),
      to: t.arg({ type: "DateTime", required: false }),
    },
    authScopes: (member, _args, ctx) => canSeeTrainingOf(ctx, member.id),
    extensions: AUDITED_READ,
    resolve: (member, args, ctx) => {
      if (args.from && args.to && args.to < args.from) throw badUserInput([{ field: "to", message: "must not be before from" }]);
      return hoursLoader(ctx, dayOf(args.from), dayOf(args.to)).load(member.id);
    },
  }),
}));

function dayOf(instant: Date | null | undefined): Date | undefined {
  return instant ? new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate())) : undefined;
}

/** One loader per request and window, so a list of members costs one query, not one per member. */
const loaders = new WeakMap<Context, Map<string, DataLoader<string, number>>>();

function hoursLoader(ctx: Context, from: Date | undefined, to: Date | undefined): DataLoader<string, number> {
  const byWindow = loaders.get(ctx) ?? new Map<string, DataLoader<string, number>>();
  loaders.set(ctx, byWindow);
  const window = `${from?.toISOString() ?? ""}/${to?.toISOString() ?? ""}`;
  let loader = byWindow.get(window);
  if (!loader) {
    loader = new DataLoader(async (memberIds: readonly string[]) => {
      const sums = await ctx.db.trainingRecord.groupBy({
        by: ["memberId"],
        where: {
          memberId: { in: [...memberIds] },
          ...(from || to ? { completedOn: { ...(from && { gte: from }), ...(to && { lte: to }) } } : {}),
        },
        _sum: { hours: true },
      });
      const hours = new Map(sums.map((sum) => [sum.memberId, sum._sum.hours ?? 0]));
      return memberIds.map((id) => hours.get(id) ?? 0);
    });
    byWindow.set(window, loader);
  }
  return loader;
}
