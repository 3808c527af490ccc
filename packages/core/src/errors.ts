import { GraphQLError } from "graphql";

/** The `extensions.code` values of CONTRACT.md. */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR";

/** One invalid input field: its path from the argument root and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An expected failure a client can act on; never masked. */
export function userError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const unauthenticated = (message = "Sign in again: the token is missing, expired or not valid.") =>
  userError("UNAUTHENTICATED", message);

export const forbidden = (message = "Your role does not allow this.") => userError("FORBIDDEN", message);

export const notFound = (what = "The record") => userError("NOT_FOUND", `${what} was not found.`);

export const conflict = (message: string, extensions: Record<string, unknown> = {}) => userError("CONFLICT", message, extensions);

/** Bad input naming every offending field, e.g. `name: must not be empty`. */
export function badUserInput(problems: FieldProblem[]): GraphQLError {
  const message = problems.map((problem) => `${problem.field}: ${problem.message}`).join("; ");
  return userError("BAD_USER_INPUT", message, { fields: problems });
}
