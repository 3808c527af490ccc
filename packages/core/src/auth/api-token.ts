import { createHash, randomBytes } from "node:crypto";

/** API tokens start with this prefix so they are told apart from JWTs (and found by secret scanners). */
export const API_TOKEN_PREFIX = "rt_";

const API_TOKEN = /^rt_([a-z0-9][a-z0-9-]*)\.[A-Za-z0-9_-]{43}$/;

/**
 * A new random API token, `rt_<agency slug>.<secret>`; only its hash is stored. The slug is
 * public (it is in the agency's URLs) and says which agency's rows to look the hash up in,
 * so sign-in never searches across agencies, which row-level security would not allow.
 */
export function generateApiToken(agencySlug: string): string {
  return `${API_TOKEN_PREFIX}${agencySlug}.${randomBytes(32).toString("base64url")}`;
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

/** The agency slug an API token names, or undefined when it is not shaped like one. */
export function apiTokenAgencySlug(token: string): string | undefined {
  return API_TOKEN.exec(token)?.[1];
}
