import { hash } from "node:crypto";
import type { Principal } from "@roundtable/core";
import { type ExecutionArgs, print } from "graphql";
import { AgencyPartitionedCache, PUBLIC_PARTITION } from "./agency-partitioned-cache.ts";

/** What a query asks, as the HTTP request carried it. */
export interface Question {
  query: string;
  operationName?: string | null | undefined;
  variables?: unknown;
}

/**
 * The key a cached or running answer is kept under: the caller's partition (their agency, or
 * `public`) in the clear, so stores can be split and dropped per agency, then a SHA-256 of
 * who asks (agency, member, the roles their credential grants) and what (document,
 * operation, variables). So an answer is never handed across agencies, members or roles, and
 * a long document costs a few dozen bytes of key, not its length.
 */
export function answerKey(principal: Principal, question: Question): string {
  const text = JSON.stringify([sessionOf(principal), question.query, question.operationName ?? null, question.variables ?? null]);
  return AgencyPartitionedCache.key(partitionOf(principal), hash("sha256", text, "base64url"));
}

/** The same key for an operation about to execute (a WebSocket operation, or a test's yoga). */
export function answerKeyOf(args: ExecutionArgs): string {
  const context = args.contextValue as { principal: Principal; params?: { query?: string } };
  // Yoga parses once and caches documents; the query text the client sent is the question.
  const query = context.params?.query ?? print(args.document);
  return answerKey(context.principal, { query, operationName: args.operationName, variables: args.variableValues });
}

function sessionOf(principal: Principal): string {
  if (principal.kind === "public") return PUBLIC_PARTITION;
  return `${principal.agencyId}:${principal.memberId}:${[...principal.roles].sort().join(",")}`;
}

function partitionOf(principal: Principal): string {
  return principal.kind === "public" ? PUBLIC_PARTITION : principal.agencyId;
}
