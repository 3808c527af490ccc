/**
 * Administration of a hosted deployment: the platform operator opens agencies; each
 * agency's admins (and the Chief/Sheriff) keep its units and members. One concept per file:
 *
 * - admin-agency.ts: `createAgency` with its first admin (platform operator only);
 * - admin-org-unit.ts: the `orgUnits` list, `createOrgUnit` / `updateOrgUnit`;
 * - admin-member.ts: the `members` list, `inviteMember` / `updateMember`;
 * - admin-member-access.ts: `setMemberRoles`, `disableMember` / `enableMember`;
 * - admin-member-import.ts: `importMembers` from CSV (parsing in domain/member-csv.ts).
 */
import "./admin-agency.ts";
import "./admin-org-unit.ts";
import "./admin-member.ts";
import "./admin-member-access.ts";
import "./admin-member-import.ts";
