import { PothosValidationError } from "@pothos/core";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { type GraphQLSchema, isObjectType } from "graphql";

/** What an undecodable global ID decodes to; no type has this name. */
export const INVALID_TYPENAME = "%invalid%";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decodes a global ID without throwing; anything but `Type:uuid` becomes the invalid marker. */
export function decodeGlobalIdSafely(globalId: string): { typename: string; id: string } {
  try {
    const decoded = decodeGlobalID(globalId);
    return UUID.test(decoded.id) ? decoded : { typename: INVALID_TYPENAME, id: "" };
  } catch {
    return { typename: INVALID_TYPENAME, id: "" };
  }
}

/**
 * The database id inside a global ID of the expected type, or null when the ID is
 * malformed or names another type: callers then answer exactly as for a missing row.
 */
export function decodeIdOf(typename: string, globalId: string): string | null {
  const decoded = decodeGlobalIdSafely(globalId);
  return decoded.typename === typename ? decoded.id : null;
}

/** True for object types that implement `Node`; the invalid marker and other types are not. */
export function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((iface) => iface.name === "Node");
}

/** A node lookup that found no row in the caller's agency. */
export function isMissingNode(error: unknown): boolean {
  return error instanceof PothosValidationError || (error as { code?: string }).code === "P2025";
}
