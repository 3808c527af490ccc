import type { Principal } from "@roundtable/core";

/** What tells one member from another of the same agency and roles. */
const IDENTITY_FIELDS = ["memberId", "email", "via", "expiresAt"] as const;

export interface ViewerIdentityWatch {
  /** The same principal, whose identity fields note that they were read. */
  principal: Principal;
  /** True once anything read who the viewer is (not only their agency and roles). */
  identityRead(): boolean;
}

/**
 * Lets an execution prove that its result depends only on the viewer's agency and roles:
 * resolvers that ask who the viewer is (`ctx.principal.memberId`: "my training records",
 * "the unit I command") read an identity field, and such a result is the viewer's alone.
 * Spreading or serialising the principal reads every field, so it counts as a read too.
 */
export function watchViewerIdentity(principal: Principal): ViewerIdentityWatch {
  let read = false;
  if (principal.kind !== "member") return { principal, identityRead: () => read };
  const watched = { ...principal };
  for (const field of IDENTITY_FIELDS) {
    Object.defineProperty(watched, field, {
      enumerable: true,
      get() {
        read = true;
        return principal[field];
      },
    });
  }
  return { principal: watched, identityRead: () => read };
}
