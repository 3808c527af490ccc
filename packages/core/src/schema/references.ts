import { badUserInput, userError } from "../errors.ts";
import { decodeGlobalIdSafely } from "./global-id.ts";

/**
 * Turns a global ID from input into a row id of the expected type. A malformed ID or one of
 * another type is BAD_USER_INPUT; the caller then checks the row exists in the agency.
 */
export function idFromInput(typename: string, globalId: string, field: string): string {
  const decoded = decodeGlobalIdSafely(globalId);
  if (decoded.typename !== typename) throw badUserInput([{ field, message: `must be the ID of a ${typename}` }]);
  return decoded.id;
}

export function optionalIdFromInput(
  typename: string,
  globalId: string | null | undefined,
  field: string,
): string | null | undefined {
  if (globalId === undefined || globalId === null) return globalId;
  return idFromInput(typename, globalId, field);
}

type Delegate = { findUnique(args: { where: { id: string }; select: { id: true } }): Promise<{ id: string } | null> };

/**
 * Checks that referenced rows exist in the caller's agency (the tenant scope hides every
 * other agency's rows), naming the field when one does not: another agency's ID reads
 * exactly like one that never existed.
 *
 * @example
 * await requireRows(tx, { "input.unitId": ["orgUnit", unitId] });
 */
export async function requireRows(
  db: object,
  refs: Record<string, [model: string, id: string | null | undefined]>,
): Promise<void> {
  for (const [field, [model, id]] of Object.entries(refs)) {
    if (!id) continue;
    const delegate = (db as unknown as Record<string, Delegate>)[model];
    if (!delegate) throw new Error(`requireRows: unknown model ${model}`);
    if (!(await delegate.findUnique({ where: { id }, select: { id: true } }))) {
      throw userError("NOT_FOUND", `${field}: no such record`, { fields: [{ field, message: "no such record" }] });
    }
  }
}
