import type { EnumRef } from "@pothos/core";
import type { AgencyKind, MemberKind, OrgUnitKind } from "@roundtable/db";
import type { builder } from "./builder.ts";

type Types = typeof builder.$inferSchemaTypes;

/**
 * Refers to an enum another schema file defines, by its GraphQL name. Pothos resolves a
 * type named by string when the schema is built, so admin inputs reuse the one enum the
 * output types expose instead of declaring a second one under the same name.
 */
function enumNamed<Value extends string>(name: string): EnumRef<Types, Value, Value> {
  return name as unknown as EnumRef<Types, Value, Value>;
}

/** `AgencyKind` of agency.ts. */
export const AgencyKindRef = enumNamed<AgencyKind>("AgencyKind");

/** `OrgUnitKind` of org-unit.ts. */
export const OrgUnitKindRef = enumNamed<OrgUnitKind>("OrgUnitKind");

/** `MemberKind` of member.ts. */
export const MemberKindRef = enumNamed<MemberKind>("MemberKind");
