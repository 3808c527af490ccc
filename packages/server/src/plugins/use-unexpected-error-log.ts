import { PothosValidationError } from "@pothos/core";
import { GraphQLError } from "graphql";
import { type Plugin, useErrorHandler } from "graphql-yoga";
import type { RoundtableLogger } from "../logger.ts";

/**
 * Errors a client can act on: graphql-js's own (syntax, validation, variable coercion),
 * ours (GraphQLErrors with a CONTRACT.md code) and Pothos' input validation, all of them
 * GraphQLErrors all the way down. Anything else (a database failure, a bug) is logged and
 * masked.
 */
export function isExpectedError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const original = error.originalError;
  return !original || original instanceof GraphQLError || original instanceof PothosValidationError;
}

/**
 * Logs every unexpected execution error with its request id (the client sees only a masked
 * message). Runs before masking, so the log keeps the original error and its stack.
 */
export function useUnexpectedErrorLog(log: RoundtableLogger): Plugin {
  return useErrorHandler(({ errors, context, phase }) => {
    if (phase !== "execution" && phase !== "context") return;
    // In the execution phase envelop hands over the execution args, the context inside them.
    const scope = (phase === "execution" ? (context as { contextValue?: object }).contextValue : context) ?? {};
    const requestId = (scope as { requestId?: string }).requestId;
    for (const error of errors) {
      if (isExpectedError(error)) continue;
      const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      log.error({ err: original, requestId, path: (error as GraphQLError).path }, "unexpected error");
    }
  }) as Plugin;
}
