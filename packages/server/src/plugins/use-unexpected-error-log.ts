import { GraphQLError } from "graphql";
import { type Plugin, useErrorHandler } from "graphql-yoga";
import type { RoundtableLogger } from "../logger.ts";

/** Errors a client can act on carry a CONTRACT.md code; everything else is a bug to log. */
export function isExpectedError(error: unknown): boolean {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  return original instanceof GraphQLError && typeof original.extensions?.code === "string";
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
