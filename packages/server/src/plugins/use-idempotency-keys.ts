import { createHash } from "node:crypto";
import type { Context } from "@roundtable/core";
import type { PrismaClient } from "@roundtable/db";
import { type ExecutionResult, GraphQLError, getOperationAST, print } from "graphql";
import type { Plugin } from "graphql-yoga";

const HEADER = "idempotency-key";
const ACCEPTABLE_KEY = /^[\w.:-]{1,255}$/;

const conflict = (message: string): ExecutionResult => ({
  errors: [new GraphQLError(message, { extensions: { code: "CONFLICT" } })],
});

/**
 * `Idempotency-Key` for mutations (Stripe's model, SECURITY.md R3/R4): the first request
 * with a key claims it (an insert that does nothing when the key exists, so concurrent
 * duplicates cannot both run), runs, and stores its result; a retry with the same key and
 * the same request gets that stored result without running again; the same key with a
 * different request is CONFLICT. A mutation that failed stores nothing, so the client may
 * retry it with the same key. Keys belong to the caller: the agency and member, or the public.
 */
export function useIdempotencyKeys(prisma: PrismaClient): Plugin<Context> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Context & { request?: Request };
      const key = context.request?.headers.get(HEADER);
      if (!key || getOperationAST(args.document, args.operationName)?.operation !== "mutation") return;
      if (!ACCEPTABLE_KEY.test(key)) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError("Idempotency-Key: must be 1 to 255 letters, digits or . : - _", {
              extensions: { code: "BAD_USER_INPUT" },
            }),
          ],
        });
        return;
      }
      const principal = context.principal;
      const scope = principal.kind === "member" ? `${principal.agencyId}:${principal.memberId}` : "public";
      const operation = args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value ?? "mutation";
      const requestHash = createHash("sha256")
        .update(JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? null]))
        .digest("hex");
      const claimed = await prisma.idempotencyRecord.createMany({
        data: [{ scope, key, operation, requestHash }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) {
        const first = await prisma.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
        if (first && first.requestHash !== requestHash) {
          setResultAndStopExecution(
            conflict("Idempotency-Key was already used for a different request; use a new key for a new request."),
          );
        } else if (!first?.response) {
          setResultAndStopExecution(conflict("A request with this Idempotency-Key is still running; retry in a moment."));
        } else {
          setResultAndStopExecution(first.response as ExecutionResult);
        }
        return;
      }
      return {
        async onExecuteDone({ result }) {
          const single = result as ExecutionResult;
          if ("errors" in single && single.errors?.length) {
            await prisma.idempotencyRecord.delete({ where: { scope_key: { scope, key } } });
          } else {
            await prisma.idempotencyRecord.update({
              where: { scope_key: { scope, key } },
              data: { response: JSON.parse(JSON.stringify(single)) },
            });
          }
        },
      };
    },
  };
}
