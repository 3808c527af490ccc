import { z } from "zod";

/** Trimmed text that must say something, up to `max` characters. */
export const requiredText = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** Trimmed text that may be empty (stored as given), up to `max` characters. */
export const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** A BCP 47 language tag such as "es", "ko" or "zh-Hant". */
export const languageTag = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as "es" or "zh-Hant"');

export const languageTags = z.array(languageTag).max(50, "must list at most 50 languages");

/** A count of people or things: zero or more. */
export const count = z
  .number()
  .int("must be a whole number")
  .min(0, "must not be negative")
  .max(1_000_000, "is implausibly large");

/** The version the client last read, for optimistic concurrency. */
export const expectedVersion = z.number().int().min(1, "must be a version you read (1 or more)");
