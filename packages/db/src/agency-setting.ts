/**
 * The transaction-local setting the row-level security policies read (see the
 * `row_level_security` migration): `"agencyId" = NULLIF(current_setting(AGENCY_SETTING, true), '')::uuid`.
 */
export const AGENCY_SETTING = "roundtable.agency_id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `BEGIN` and the agency setting as one simple-protocol message, so a scoped transaction
 * costs one round trip more than a bare statement, not two. The id is inlined rather than
 * bound because the simple protocol (the only one that takes two statements) has no
 * parameters; it is checked to be a UUID first, so nothing else can reach the SQL.
 */
export function beginForAgency(agencyId: string, transactionMode = ""): string {
  if (!UUID.test(agencyId)) throw new Error("agency id must be a UUID");
  const mode = transactionMode ? ` ${transactionMode};` : "";
  return `BEGIN;${mode} SELECT set_config('${AGENCY_SETTING}', '${agencyId.toLowerCase()}', true)`;
}
