import canonicalize from "canonicalize";

/**
 * The one text form a JSON value hashes to: RFC 8785 (JSON Canonicalization Scheme) —
 * object keys sorted by UTF-16 code units, no whitespace, numbers in ECMAScript's shortest
 * form, strings with minimal escaping. Two values that mean the same JSON give the same
 * text, whatever the key order or the engine, so a hash over it survives refactors, Node
 * upgrades and a round trip through PostgreSQL's `jsonb` (which reorders keys).
 *
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  // canonicalize returns undefined for undefined, functions and symbols: none belong in a hash.
  if (text === undefined) throw new TypeError("canonicalJson: the value has no JSON form");
  return text;
}
