import { createHash } from "node:crypto";
import type { ReportSectionContent } from "./report-template.ts";

/**
 * JSON with object keys sorted at every level (RFC 8785 in spirit), so the same content
 * always gives the same bytes, whatever order a builder or the database returned keys in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/**
 * The SHA-256 (hex) of a version's sections in canonical form: what an approval records and
 * what the published page shows, so anyone can check the text they read is the text approved.
 */
export function contentHash(sections: readonly ReportSectionContent[]): string {
  return createHash("sha256").update(canonicalJson(sections)).digest("hex");
}
