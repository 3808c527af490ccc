import { createHash, randomBytes } from "node:crypto";

/** API tokens start with this prefix so they are told apart from JWTs (and found by secret scanners). */
export const API_TOKEN_PREFIX = "rt_";

/** A new random API token; only its hash is stored. */
export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}
