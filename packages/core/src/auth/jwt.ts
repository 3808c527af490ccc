import { createRemoteJWKSet, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { RoleName } from "./roles.ts";

/** The claims Roundtable reads from a bearer token, whoever signed it. */
export interface RoundtableClaims extends JWTPayload {
  /** Agency slug. */
  agency: string;
  /** The member's email within that agency. */
  email: string;
  /** Roles the token grants; the member's own roles cap them. Absent = all of the member's. */
  roles?: RoleName[];
}

/** How bearer tokens are verified: a shared HS256 secret, or an OIDC provider's JWKS. */
export type TokenVerification =
  | { kind: "secret"; secret: Uint8Array }
  | {
      kind: "jwks";
      url: URL;
      algorithms: string[];
      /** The provider's `iss`; when set, tokens of any other issuer are refused. */
      issuer?: string | undefined;
      /** This API's audience at the provider; when set, tokens minted for other clients are refused. */
      audience?: string | undefined;
    };

export const ISSUER = "roundtable";

export function secretFromString(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export interface SignTokenOptions {
  secret: Uint8Array;
  agency: string;
  email: string;
  roles: RoleName[];
  /** Lifetime in jose's notation: "1h", "30m", "7d". */
  ttl?: string;
}

/** Signs an HS256 token, as `roundtable token` prints it. */
export function signToken({ secret, agency, email, roles, ttl = "1h" }: SignTokenOptions): Promise<string> {
  return new SignJWT({ agency, email, roles })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(email)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(secret);
}

/** Only asymmetric signatures come from an identity provider; `none` and HS* never do. */
const ASYMMETRIC_ALGORITHM = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/;

/**
 * Verifies signature, expiry and algorithm; the algorithm is pinned so `alg: none` or an
 * HS/RS confusion is refused. Every token must expire: one without `exp` is refused.
 * Throws on anything invalid.
 */
export function createTokenVerifier(verification: TokenVerification) {
  if (verification.kind === "secret") {
    return async (token: string) =>
      (
        await jwtVerify<RoundtableClaims>(token, verification.secret, {
          algorithms: ["HS256"],
          issuer: ISSUER,
          requiredClaims: ["exp"],
        })
      ).payload;
  }
  const algorithms = verification.algorithms.filter((alg) => ASYMMETRIC_ALGORITHM.test(alg));
  if (algorithms.length === 0 || algorithms.length !== verification.algorithms.length) {
    throw new Error(
      `JWKS verification needs asymmetric algorithms only (such as RS256), not ${verification.algorithms.join(", ")}`,
    );
  }
  const keys = createRemoteJWKSet(verification.url);
  return async (token: string) =>
    (
      await jwtVerify<RoundtableClaims>(token, keys, {
        algorithms,
        requiredClaims: ["exp"],
        ...(verification.issuer ? { issuer: verification.issuer } : {}),
        ...(verification.audience ? { audience: verification.audience } : {}),
      })
    ).payload;
}
