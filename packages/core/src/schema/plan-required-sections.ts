import type { Context } from "../context.ts";

/** The plan a revision belongs to, as a required-sections hook sees it. */
export interface PlanOfRevision {
  id: string;
  kind: string;
  unitId: string;
}

/** Names the section keys a revision of `plan` must contain before it may be submitted. */
export type RequiredSectionKeysHook = (plan: PlanOfRevision, ctx: Context) => Promise<readonly string[]> | readonly string[];

/**
 * Hook point: which sections a plan revision needs before `submitPlanRevision` accepts it.
 * Core requires none, so this list is empty by default; the policy profiles decide (the
 * patrol-cpp profile, for example, wants the four things CPP-13 to CPP-17 say a semi-annual
 * update includes). Every hook is asked and the union of their answers is required; a hook
 * answers for the agencies whose enabled profiles call for it, and `[]` elsewhere.
 *
 * @example
 * requiredSectionKeys.push(async (plan, ctx) =>
 *   plan.kind === "COMMUNITY_POLICING_PLAN" && (await ctx.profiles.isEnabled("patrol-cpp"))
 *     ? ["community-feedback", "effectiveness", "responses", "sharing"]
 *     : [],
 * );
 */
export const requiredSectionKeys: RequiredSectionKeysHook[] = [];

/** The required keys (sorted, without duplicates) that `present` lacks. */
export async function missingSectionKeys(plan: PlanOfRevision, present: Iterable<string>, ctx: Context): Promise<string[]> {
  const have = new Set(present);
  const required = new Set<string>();
  for (const hook of requiredSectionKeys) for (const key of await hook(plan, ctx)) required.add(key);
  return [...required].filter((key) => !have.has(key)).sort();
}
