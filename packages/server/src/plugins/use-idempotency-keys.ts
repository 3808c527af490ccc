import { createHash } from "node:crypto";
import type { Context } from "@roundtable/core";
import { Prisma, type PrismaClient } from "@roundtable/db";
import { type DocumentNode, type ExecutionResult, GraphQLError, getOperationAST, print } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { RoundtableLogger } from "../logger.ts";
import { DEFAULT_IDEMPOTENCY, type IdempotencyOptions, pruneIdempotencyRecords } from "./idempotency-key-lifetime.ts";

const HEADER = "idempotency-key";
const ACCEPTABLE_KEY = /^[\w.:-]{1,255}$/;

const conflict = (message: string): ExecutionResult => ({
  errors: [new GraphQLError(message, { extensions: { code: "CONFLICT" } })],
});

/** What identifies "the same request" for a key: the document, operation name and variables. */
export function idempotencyRequestHash(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): string {
  return createHash("sha256")
    .update(JSON.stringify([print(document), operationName ?? null, variables ?? null]))
    .digest("hex");
}

/**
 * `Idempotency-Key` for mutations (Stripe's model, SECURITY.md R3/R4): the first request
 * with a key claims it (an insert that does nothing when the key exists, so concurrent
 * duplicates cannot both run), runs, and stores its result; a retry with the same key and
 * the same request gets that stored result without running again; the same key with a
 * different request is CONFLICT. A mutation that failed stores nothing, so the client may
 * retry it with the same key. Keys belong to the caller: the agency and member, or the public.
 *
 * Keys live `retentionMs` (then they are free again and pruned); a claim whose request
 * never finished (the process died) can be taken over by the same request after
 * `claimTimeoutMs` (idempotency-key-lifetime.ts).
 */
export function useIdempotencyKeys(
  prisma: PrismaClient,
  options: IdempotencyOptions & { log?: RoundtableLogger } = {},
): Plugin<Context> {
  const { retentionMs, claimTimeoutMs, pruneEveryMs } = { ...DEFAULT_IDEMPOTENCY, ...withoutUndefined(options) };
  let lastPrune = Number.NEGATIVE_INFINITY;

  /** Deletes expired records now and then, on the back of a request that uses a key. */
  async function pruneWhenDue(now: Date) {
    if (now.getTime() - lastPrune < pruneEveryMs) return;
    lastPrune = now.getTime();
    try {
      await pruneIdempotencyRecords(prisma, now, retentionMs);
    } catch (error) {
      options.log?.error({ err: error }, "could not prune idempotency records");
    }
  }

  return {
    // Decides synchronously for the requests without a key (nearly all); only a keyed
    // mutation goes on asynchronously, so the others do not wait a tick here.
    onExecute(payload) {
      const context = payload.args.contextValue as Context & { request?: Request };
      const key = context.request?.headers.get(HEADER);
      if (!key || getOperationAST(payload.args.document, payload.args.operationName)?.operation !== "mutation") return;
      return keyedMutation(payload, context, key);
    },
  };

  async function keyedMutation(
    { args, setResultAndStopExecution }: Parameters<NonNullable<Plugin<Context>["onExecute"]>>[0],
    context: Context,
    key: string,
  ) {
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
    const now = new Date();
    await pruneWhenDue(now);
    const principal = context.principal;
    const scope = principal.kind === "member" ? `${principal.agencyId}:${principal.memberId}` : "public";
    const operation = args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value ?? "mutation";
    const requestHash = idempotencyRequestHash(args.document, args.operationName, args.variableValues);
    const where = { scope_key: { scope, key } };

    const claimed = await prisma.idempotencyRecord.createMany({
      data: [{ scope, key, operation, requestHash, createdAt: now }],
      skipDuplicates: true,
    });
    if (claimed.count === 0) {
      const first = await prisma.idempotencyRecord.findUnique({ where });
      const age = first ? now.getTime() - first.createdAt.getTime() : 0;
      const expired = first !== null && age >= retentionMs;
      const abandoned = first !== null && !first.response && age >= claimTimeoutMs && first.requestHash === requestHash;
      if (expired || abandoned) {
        const taken = await prisma.idempotencyRecord.updateMany({
          where: { scope, key, createdAt: first.createdAt },
          data: { operation, requestHash, response: Prisma.DbNull, createdAt: now },
        });
        // Two retries of a dead claim: one takes it over, the other sees it running.
        if (taken.count === 0) {
          setResultAndStopExecution(conflict("A request with this Idempotency-Key is still running; retry in a moment."));
          return;
        }
      } else if (first && first.requestHash !== requestHash) {
        setResultAndStopExecution(
          conflict("Idempotency-Key was already used for a different request; use a new key for a new request."),
        );
        return;
      } else if (!first?.response) {
        setResultAndStopExecution(conflict("A request with this Idempotency-Key is still running; retry in a moment."));
        return;
      } else {
        setResultAndStopExecution(first.response as ExecutionResult);
        return;
      }
    }
    // The claim's time is its identity: whoever takes a key over writes a new one, so a
    // request that lost its claim cannot store or delete over the new holder's.
    const ours = { scope, key, createdAt: now };
    return {
      async onExecuteDone({ result }: { result: unknown }) {
        const single = result as ExecutionResult;
        if ("errors" in single && single.errors?.length) {
          await prisma.idempotencyRecord.deleteMany({ where: ours });
        } else {
          await prisma.idempotencyRecord.updateMany({ where: ours, data: { response: JSON.parse(JSON.stringify(single)) } });
        }
      },
    };
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
