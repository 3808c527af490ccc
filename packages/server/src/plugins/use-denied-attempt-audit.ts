import { type Context, fieldRefusalIsAudited, recordDeniedAttempt } from "@roundtable/core";
import type { Plugin } from "graphql-yoga";
import type { RoundtableLogger } from "../logger.ts";
import { useFieldHook } from "./use-field-hook.ts";

/**
 * Puts refused attempts in the audit trail (AU-01: "every mutation, success and denied"):
 * every field that resolves to a FORBIDDEN error, whether its auth scopes or a domain rule
 * refused it, is handed to core's `recordDeniedAttempt`, which decides what is audited.
 * The refusal is written before the field's answer leaves, over HTTP and WebSocket alike
 * (the resolvers of mutations and audited reads are wrapped in the schema). If the audit
 * write fails, the client still gets its refusal and the failure is logged with the request
 * id (AU-05: alert on audit failure).
 */
export function useDeniedAttemptAudit(log: RoundtableLogger): Plugin<Context> {
  return useFieldHook<Context>(fieldRefusalIsAudited, ({ context: ctx, info, args, root }) => {
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
