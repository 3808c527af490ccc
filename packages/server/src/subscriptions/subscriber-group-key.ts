import type { Context } from "@roundtable/core";
import { type DocumentNode, print } from "graphql";

const printedDocuments = new WeakMap<DocumentNode, string>();

export interface SubscriptionArgs {
  document: DocumentNode;
  operationName?: string | null | undefined;
  variableValues?: Record<string, unknown> | null | undefined;
  contextValue?: unknown;
}

/**
 * Subscribers whose events resolve alike: the same agency (tenant), the same roles, the
 * same operation and variables. Nothing else of the context feeds what resolvers return
 * (the database client is the agency's, scopes read the roles and the agency's profiles),
 * except who the viewer is, which `watchViewerIdentity` catches at execution time.
 * `undefined` for anyone not signed in as a member: they are never grouped.
 */
export function subscriberGroupKey(args: SubscriptionArgs): string | undefined {
  const principal = (args.contextValue as Partial<Context> | undefined)?.principal;
  if (principal?.kind !== "member") return undefined;
  let printed = printedDocuments.get(args.document);
  if (printed === undefined) {
    printed = print(args.document);
    printedDocuments.set(args.document, printed);
  }
  return JSON.stringify([
    principal.agencyId,
    [...principal.roles].sort(),
    printed,
    args.operationName ?? null,
    args.variableValues ?? null,
  ]);
}
