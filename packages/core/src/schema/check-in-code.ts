import { createHash, randomInt, timingSafeEqual } from "node:crypto";

/** No 0/O, 1/I/L: codes are read aloud at meetings and typed on phones. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CHECK_IN_CODE_LENGTH = 8;

/** A fresh check-in code, e.g. `K7QF2MXA` (31^8 ≈ 8.5e11 possibilities). */
export function generateCheckInCode(): string {
  let code = "";
  for (let index = 0; index < CHECK_IN_CODE_LENGTH; index += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Case and spacing as people type them: `k7qf 2mxa` is `K7QF2MXA`. */
export function normaliseCheckInCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

/**
 * Compares an offered code with the activity's in constant time (over fixed-length
 * digests), so response timing reveals nothing about how much of a guess was right.
 * An activity without a code accepts none.
 */
export function checkInCodeMatches(expected: string | null, offered: string | null | undefined): boolean {
  const digest = (value: string) => createHash("sha256").update(normaliseCheckInCode(value)).digest();
  const matches = timingSafeEqual(digest(expected ?? ""), digest(offered ?? ""));
  return matches && Boolean(expected) && Boolean(offered);
}
