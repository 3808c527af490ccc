import type { Context } from "../context.ts";
import { userError } from "../errors.ts";
import type { AgencyScope } from "../tenancy/agency-by-slug.ts";

/**
 * The agency a public submission names, with a client scoped to it; NOT_FOUND naming the
 * field when no agency has that slug. The public's own `ctx.db` sees no agency at all, so
 * everything the public writes goes through the returned `db`.
 *
 * @example
 * const scope = await agencyNamedIn(ctx, input.agencySlug);
 * await scope.db.$transaction(async (tx) => tx.feedback.create({ ... }));
 */
export async function agencyNamedIn(ctx: Context, slug: string, field = "input.agencySlug"): Promise<AgencyScope> {
  const scope = await ctx.scopeBySlug(slug);
  if (!scope) throw userError("NOT_FOUND", `${field}: no such agency`, { fields: [{ field, message: "no such agency" }] });
  return scope;
}
