import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/** @default 30 s */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Answers an operation that runs longer than `ms` with an error instead of keeping the
 * client (and a connection slot) waiting. The work already started is not cancelled here:
 * database statements are bounded by PostgreSQL's statement_timeout and Prisma's
 * transaction timeout. A mutation that timed out may still commit, so the message tells
 * the client to retry with the same idempotency key rather than blindly.
 */
export function useRequestTimeout(ms = DEFAULT_REQUEST_TIMEOUT_MS): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [
                  new GraphQLError(
                    `The operation took longer than ${ms} ms and was stopped; a change may still have been saved, so retry it with the same idempotency key.`,
                    { extensions: { code: "INTERNAL_SERVER_ERROR", timeout: true } },
                  ),
                ],
              }),
            ms,
          );
          timer.unref();
        });
        return Promise.race([Promise.resolve(executeFn(args)), timeout]).finally(() => clearTimeout(timer)) as never;
      });
    },
  };
}
