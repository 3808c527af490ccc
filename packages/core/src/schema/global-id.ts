import { decodeGlobalID } from "@pothos/plugin-relay";

/**
 * The database id inside a global ID of the expected type, or null when the ID is
 * malformed or names another type: callers then answer exactly as for a missing row.
 */
export function decodeIdOf(typename: string, globalId: string): string | null {
  try {
    const { typename: actual, id } = decodeGlobalID(globalId);
    return actual === typename && UUID.test(id) ? id : null;
  } catch {
    return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
