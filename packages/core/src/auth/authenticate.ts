import { agencyClientFor, type PrismaClient } from "@roundtable/db";
import { unauthenticated } from "../errors.ts";
import { apiTokenAgencySlug, hashApiToken, looksLikeApiToken } from "./api-token.ts";
import { createTokenVerifier, type TokenVerification } from "./jwt.ts";
import { type MemberPrincipal, type Principal, PUBLIC_PRINCIPAL } from "./principal.ts";
import { isRole, type RoleName } from "./roles.ts";

export interface AuthenticatorOptions {
  /**
   * The root client: the agency is found by the slug the token names, and the member or
   * token is then read through that agency's own client (row-level security on PostgreSQL).
   */
  prisma: PrismaClient;
  verification: TokenVerification;
}

/** Turns an `Authorization` header into who is calling; no header means the public. */
export type Authenticate = (authorization: string | null | undefined) => Promise<Principal>;

/**
 * Every failure (bad signature, expired, unknown agency or member, disabled member, revoked
 * token) reads the same to the caller, so the error is no oracle for which agencies or
 * members exist.
 */
export function createAuthenticator({ prisma, verification }: AuthenticatorOptions): Authenticate {
  const verify = createTokenVerifier(verification);

  async function agencyBySlug(slug: string): Promise<{ id: string; slug: string }> {
    const agency = await prisma.agency.findUnique({ where: { slug }, select: { id: true, slug: true } });
    if (!agency) throw unauthenticated();
    return agency;
  }

  async function fromJwt(token: string): Promise<MemberPrincipal> {
    const claims = await verify(token).catch(() => {
      throw unauthenticated();
    });
    if (typeof claims.agency !== "string" || typeof claims.email !== "string") throw unauthenticated();
    const agency = await agencyBySlug(claims.agency);
    const member = await agencyClientFor(prisma, agency.id).member.findFirst({
      where: { agencyId: agency.id, email: claims.email },
    });
    if (!member || member.disabledAt) throw unauthenticated();
    const roles = grantedRoles(claims.roles, member.roles);
    return {
      kind: "member",
      agencyId: member.agencyId,
      agencySlug: agency.slug,
      memberId: member.id,
      email: member.email,
      roles,
      via: "jwt",
      expiresAt: claims.exp ? new Date(claims.exp * 1000) : undefined,
    };
  }

  async function fromApiToken(token: string): Promise<MemberPrincipal> {
    const slug = apiTokenAgencySlug(token);
    if (!slug) throw unauthenticated();
    const agency = await agencyBySlug(slug);
    const stored = await agencyClientFor(prisma, agency.id).apiToken.findFirst({
      where: { agencyId: agency.id, tokenHash: hashApiToken(token) },
      include: { member: true },
    });
    const now = new Date();
    if (!stored || stored.revokedAt || (stored.expiresAt && stored.expiresAt <= now) || stored.member.disabledAt) {
      throw unauthenticated();
    }
    return {
      kind: "member",
      agencyId: stored.agencyId,
      agencySlug: agency.slug,
      memberId: stored.memberId,
      email: stored.member.email,
      roles: grantedRoles(stored.roles, stored.member.roles),
      via: "api-token",
      expiresAt: stored.expiresAt ?? undefined,
    };
  }

  return async function authenticate(authorization) {
    if (!authorization) return PUBLIC_PRINCIPAL;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    // Same answer as any other refusal: the error is no oracle for what went wrong.
    if (!match?.[1]) throw unauthenticated();
    const token = match[1];
    return looksLikeApiToken(token) ? fromApiToken(token) : fromJwt(token);
  };
}

/**
 * A credential grants the roles it names that the member still holds: taking a role away
 * from a member takes it away from every token already issued, and no credential ever
 * grants a role its member does not hold. A credential that names no roles at all (the
 * claim is absent) grants the member's own; a roles claim that is not a list of roles is
 * refused rather than read as "all of them".
 */
function grantedRoles(requested: unknown, held: readonly RoleName[]): RoleName[] {
  if (requested !== undefined && !Array.isArray(requested)) throw unauthenticated();
  const named = requested === undefined ? held : requested.filter(isRole);
  const roles = [...new Set(named)].filter((role) => held.includes(role));
  if (roles.length === 0) throw unauthenticated();
  return roles;
}
