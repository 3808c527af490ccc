import { useOnResolve } from "@envelop/on-resolve";
import { type Context, recordDeniedAttempt, refusalIsAudited } from "@roundtable/core";
import type { Plugin } from "graphql-yoga";
import type { RoundtableLogger } from "../logger.ts";

/**
 * Puts refused attempts in the audit trail (AU-01: "every mutation, success and denied"):
 * every field that resolves to a FORBIDDEN error, whether its auth scopes or a domain rule
 * refused it, is handed to core's `recordDeniedAttempt`, which decides what is audited.
 * The refusal is written before the field's answer leaves, over HTTP and WebSocket alike
 * (resolvers are wrapped in the schema). If the audit write fails, the client still gets
 * its refusal and the failure is logged with the request id (AU-05: alert on audit failure).
 */
export function useDeniedAttemptAudit(log: RoundtableLogger): Plugin<Context> {
  return useOnResolve(({ context, info, args, root }) => {
    // Only fields whose refusal may be audited get an after-hook; the rest resolve untouched.
    if (!refusalIsAudited(info)) return;
    const ctx = context as Context;
    return ({ result }) => {
      if (!(result instanceof Error)) return;
      return recordDeniedAttempt(ctx, { info, args, parent: root, error: result }).then(
        () => undefined,
        (error: unknown) =>
          log.error(
            { err: error, requestId: ctx.requestId, field: `${info.parentType.name}.${info.fieldName}` },
            "could not audit a denied attempt",
          ),
      );
    };
  }) as Plugin<Context>;
}
