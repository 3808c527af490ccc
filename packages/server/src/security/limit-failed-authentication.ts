import { type Authenticate, type Principal, userError } from "@roundtable/core";
import { UNKNOWN_ADDRESS } from "./client-address.ts";
import { type BucketRule, TokenBuckets } from "./token-bucket.ts";

/** @default 10 failed token uses at once per address, 10 more per minute. */
export const DEFAULT_FAILED_AUTH_LIMIT: BucketRule = { capacity: 10, perMinute: 10 };

/**
 * Counts failed token use (UNAUTHENTICATED) per client address; once an address used up
 * its allowance, any request of it that carries a token is refused with RATE_LIMITED and
 * `retryAfter` before the token is even checked, so guessing tokens gets nowhere.
 * Requests without a token (the public) and in-process calls without an address are not affected.
 */
export function limitFailedAuthentication(authenticate: Authenticate, rule: BucketRule = DEFAULT_FAILED_AUTH_LIMIT) {
  const failures = new TokenBuckets(rule);
  return async (authorization: string | null | undefined, address: string): Promise<Principal> => {
    if (!authorization || address === UNKNOWN_ADDRESS) return authenticate(authorization);
    const verdict = failures.peek(address);
    if (!verdict.ok) {
      throw userError(
        "RATE_LIMITED",
        `Authorization: too many failed sign-ins from your address; try again in ${verdict.retryAfter} s.`,
        {
          retryAfter: verdict.retryAfter,
        },
      );
    }
    try {
      return await authenticate(authorization);
    } catch (error) {
      if ((error as { extensions?: { code?: unknown } }).extensions?.code === "UNAUTHENTICATED") failures.take(address);
      throw error;
    }
  };
}
