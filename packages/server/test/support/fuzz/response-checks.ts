import type { ForeignValues } from "./foreign-values.ts";

/** What the API answers for an error it did not expect: everything else about it stays in the server log. */
export const MASKED_MESSAGE = "Unexpected error.";

/**
 * Signs of an internal error that reached the client unmasked: stack frames, source paths,
 * database and ORM messages, JavaScript runtime errors.
 */
const INTERNAL_DETAIL: RegExp[] = [
  /\n\s+at /,
  /\bat .*\(.*:\d+:\d+\)/,
  /node_modules|\/src\/.*\.ts\b|\.tsx?:\d+/,
  /prisma/i,
  /pglite/i,
  /Invalid `.*` invocation/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError|EvalError)\b/,
  /Cannot read propert|is not a function|is not iterable|undefined is not|Cannot convert/,
  /violates (not-null|foreign key|unique|check) constraint|duplicate key value/,
  /relation "[^"]+" does not exist|syntax error at or near|invalid input syntax for type|out of range for type/,
  /SQLSTATE|ECONNREFUSED|ECONNRESET|Transaction (API error|already closed)|Unique constraint failed|Foreign key constraint/,
  /Maximum call stack size exceeded/,
];

/** Extensions that carry internals (graphql-cop's "unhandled errors" check, yoga's dev mode). */
const INTERNAL_EXTENSIONS = ["exception", "stacktrace", "stack", "originalError", "tracing"];

interface GraphQLErrorShape {
  message?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}

/**
 * Checks one answer against the fuzzing properties and returns what breaks them, one line
 * each: no HTTP 5xx; no unmasked internal error; no masked one either, since an input that
 * ends in "Unexpected error." is a bug the client cannot act on (IV-04: validation, never a
 * database failure); nothing of the other agency that the request did not itself contain
 * (an error may echo the caller's own input).
 */
export function checkResponse(status: number, body: unknown, request: unknown, foreign: ForeignValues): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  if (!body || typeof body !== "object") {
    problems.push(`not a GraphQL response: ${String(body).slice(0, 200)}`);
    return problems;
  }
  const errors = ((body as { errors?: unknown }).errors ?? []) as GraphQLErrorShape[];
  for (const error of errors) {
    const message = typeof error.message === "string" ? error.message : JSON.stringify(error.message);
    const code = error.extensions?.code;
    if (message === MASKED_MESSAGE) {
      problems.push(`masked internal error at ${JSON.stringify(error.path)} (the server log has it)`);
    } else if (code === "INTERNAL_SERVER_ERROR") {
      problems.push(`INTERNAL_SERVER_ERROR not masked: ${message.slice(0, 300)}`);
    }
    const detail = INTERNAL_DETAIL.find((pattern) => pattern.test(message));
    if (detail) problems.push(`internal detail in an error (${detail}): ${message.slice(0, 300)}`);
    const leaked = INTERNAL_EXTENSIONS.filter((key) => error.extensions && key in error.extensions);
    if (leaked.length > 0) problems.push(`error extensions expose ${leaked.join(", ")}`);
  }
  const echoed = foreign.foundIn(request);
  const found = [...foreign.foundIn(body)].filter((value) => !echoed.has(value));
  if (found.length > 0) problems.push(`the other agency's data in the answer: ${found.slice(0, 5).join(", ").slice(0, 300)}`);
  return problems;
}
