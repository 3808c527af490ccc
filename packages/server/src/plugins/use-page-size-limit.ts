import { badUserInput, type FieldProblem } from "@roundtable/core";
import { type DocumentNode, Kind, type OperationDefinitionNode, type ValueNode, visit } from "graphql";
import type { Plugin } from "graphql-yoga";

const PAGE_ARGUMENTS = new Set(["first", "last"]);

/**
 * Refuses `first`/`last` above `max` with BAD_USER_INPUT naming the argument, before any
 * resolver runs. Pothos would silently clamp to its maxConnectionSize, which hides the
 * client's mistake and lets a variable page size slip past armor's cost estimate (armor
 * multiplies only literal values). Runs for queries, mutations and subscriptions alike,
 * over HTTP and WebSocket.
 */
export function usePageSizeLimit(max: number): Plugin {
  const check = (
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
  ) => oversizedPages(document, operationName, variables ?? {}, max);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problems = check(args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (problems.length > 0) setResultAndStopExecution({ errors: [badUserInput(problems)] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const problems = check(args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (problems.length > 0) setResultAndStopExecution({ errors: [badUserInput(problems)] });
    },
  };
}

/** A `first`/`last` argument in a document, with the name the client will know it by. */
interface PageArgument {
  field: string;
  value: ValueNode;
}

/** Yoga hands the same parsed document to every request with the same text: walk it once. */
const pageArgumentsOf = new WeakMap<DocumentNode, PageArgument[]>();

function pageArguments(document: DocumentNode): PageArgument[] {
  let found = pageArgumentsOf.get(document);
  if (!found) {
    const list: PageArgument[] = [];
    // Fragments are visited too: a page size hidden in a fragment is still a page size.
    visit(document, {
      Field(field) {
        for (const argument of field.arguments ?? []) {
          if (!PAGE_ARGUMENTS.has(argument.name.value)) continue;
          list.push({ field: `${field.alias?.value ?? field.name.value}.${argument.name.value}`, value: argument.value });
        }
      },
    });
    found = list;
    pageArgumentsOf.set(document, found);
  }
  return found;
}

/** Every page-size argument of the operation that asks for more than `max` rows. */
export function oversizedPages(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  max: number,
): FieldProblem[] {
  const pages = pageArguments(document);
  if (pages.length === 0) return [];
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  const defaults = new Map(
    (operation?.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, definition.defaultValue]),
  );
  const pageSizeOf = (node: ValueNode): unknown => {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind !== Kind.VARIABLE) return undefined;
    const name = node.name.value;
    if (name in variables) return variables[name];
    const fallback = defaults.get(name);
    return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
  };
  const problems: FieldProblem[] = [];
  for (const page of pages) {
    const value = pageSizeOf(page.value);
    if (typeof value === "number" && value > max) {
      problems.push({
        field: page.field,
        message: `must be at most ${max} (got ${value}); page through the rest with after/before`,
      });
    }
  }
  return problems;
}
