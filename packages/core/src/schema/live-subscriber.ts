import type { Context } from "../context.ts";
import { unauthenticated } from "../errors.ts";

/** The subscriber's agency; subscriptions are for signed-in members (their authScopes say so). */
export function agencyIdOf(ctx: Context): string {
  if (ctx.principal.kind !== "member") throw unauthenticated("Sign in to subscribe.");
  return ctx.principal.agencyId;
}
