import { badUserInput, type FieldProblem } from "@roundtable/core";
import { type DocumentNode, visit } from "graphql";
import type { Plugin } from "graphql-yoga";

const NUL = "\u0000";
const MESSAGE = "must not contain the NUL character (U+0000)";

/**
 * Refuses any string holding U+0000, in variables (JSON values included) or in the
 * document, with BAD_USER_INPUT naming where it is, before any resolver runs. PostgreSQL
 * text and jsonb cannot store that character: unchecked, it reaches the database and comes
 * back as "Unexpected error." from whichever field wrote or filtered with it (found by the
 * schema fuzzer, IV-04). Runs over HTTP and WebSocket alike.
 */
export function useNoNulCharacters(): Plugin {
  const check = (document: DocumentNode, variables: unknown) => {
    const problems = [...nulsInVariables(variables), ...nulsInDocument(document)];
    return problems.length > 0 ? { errors: [badUserInput(problems)] } : undefined;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = check(args.document, args.variableValues);
      if (refusal) setResultAndStopExecution(refusal);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = check(args.document, args.variableValues);
      if (refusal) setResultAndStopExecution(refusal);
    },
  };
}

function nulsInVariables(variables: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visitValue = (value: unknown, path: string) => {
    if (typeof value === "string") {
      if (value.includes(NUL)) problems.push({ field: path, message: MESSAGE });
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visitValue(item, `${path}[${index}]`);
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes(NUL)) problems.push({ field: path, message: `keys ${MESSAGE}` });
        visitValue(item, `${path}.${key}`);
      }
    }
  };
  if (variables && typeof variables === "object") {
    for (const [name, value] of Object.entries(variables)) visitValue(value, `$${name}`);
  }
  return problems;
}

/** Yoga hands the same parsed document to every request with the same text: walk it once. */
const documentHasNul = new WeakMap<DocumentNode, boolean>();

function nulsInDocument(document: DocumentNode): FieldProblem[] {
  let found = documentHasNul.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (node.value.includes(NUL)) found = true;
      },
    });
    documentHasNul.set(document, found);
  }
  return found ? [{ field: "query", message: `string literals ${MESSAGE}` }] : [];
}
