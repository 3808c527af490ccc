import type { RoleName } from "./roles.ts";

/** Someone without a token: the community. Reads what agencies published, submits feedback. */
export interface PublicPrincipal {
  kind: "public";
}

/** A signed-in member of one agency, with the roles this credential grants. */
export interface MemberPrincipal {
  kind: "member";
  agencyId: string;
  agencySlug: string;
  memberId: string;
  email: string;
  roles: RoleName[];
  /** How the caller proved who they are. */
  via: "jwt" | "api-token";
  /** When the credential stops being valid, if it expires. */
  expiresAt?: Date | undefined;
}

export type Principal = PublicPrincipal | MemberPrincipal;

export const PUBLIC_PRINCIPAL: PublicPrincipal = Object.freeze({ kind: "public" });

export function hasRole(principal: Principal, ...roles: RoleName[]): boolean {
  return principal.kind === "member" && roles.some((role) => principal.roles.includes(role));
}
