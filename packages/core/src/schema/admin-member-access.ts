import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { RoleName } from "../auth/roles.ts";
import type { Context } from "../context.ts";
import { badUserInput } from "../errors.ts";
import { MemberPayload } from "./admin-member.ts";
import { AGENCY_ADMINISTRATORS, assertAgencyKeepsAnAdmin, assertMayChangeOperatorRole } from "./admin-roles.ts";
import { builder } from "./builder.ts";
import { RoleEnum } from "./member.ts";
import { idFromInput, requireRows } from "./references.ts";
import { updateVersioned } from "./versioned-update.ts";

builder.mutationField("setMemberRoles", (t) =>
  t.field({
    type: MemberPayload,
    description:
      "Replaces a member's roles. Tokens already issued lose a removed role at once; the last AGENCY_ADMIN cannot be demoted.",
    authScopes: { role: AGENCY_ADMINISTRATORS },
    args: {
      memberId: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
      roles: t.arg({ type: [RoleEnum], required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const id = idFromInput("Member", args.memberId, "memberId");
      const roles = [...new Set<RoleName>(args.roles)];
      if (roles.length === 0) throw badUserInput([{ field: "roles", message: "must name at least one role" }]);
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { memberId: ["member", id] });
        const before = await tx.member.findUniqueOrThrow({ where: { id }, select: { roles: true, disabledAt: true } });
        assertMayChangeOperatorRole(ctx, before.roles, roles, "roles");
        if (before.roles.includes("AGENCY_ADMIN") && !roles.includes("AGENCY_ADMIN") && !before.disabledAt) {
          await assertAgencyKeepsAnAdmin(tx, id, "roles");
        }
        await updateVersioned(tx.member, id, args.expectedVersion, { roles }, "The member");
        await recordAuditEvent(tx, ctx, {
          action: "member.set-roles",
          entityType: "Member",
          entityId: id,
          before: { roles: before.roles },
          after: { roles },
        });
        return { id };
      });
    },
  }),
);

builder.mutationField("disableMember", (t) =>
  t.field({
    type: MemberPayload,
    description: "Ends a member's access: every token and API token of theirs stops working at once.",
    authScopes: { role: AGENCY_ADMINISTRATORS },
    args: { memberId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => setDisabled(ctx, args.memberId, true),
  }),
);

builder.mutationField("enableMember", (t) =>
  t.field({
    type: MemberPayload,
    description: "Restores a disabled member's access, with the roles they held.",
    authScopes: { role: AGENCY_ADMINISTRATORS },
    args: { memberId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => setDisabled(ctx, args.memberId, false),
  }),
);

/**
 * Authentication reads `disabledAt` on every request, so setting it is all it takes to
 * shut a member out; their tokens are left alone so that enabling them restores access.
 */
async function setDisabled(ctx: Context, memberId: string, disabled: boolean): Promise<{ id: string }> {
  const id = idFromInput("Member", memberId, "memberId");
  return ctx.db.$transaction(async (tx) => {
    await requireRows(tx, { memberId: ["member", id] });
    const member = await tx.member.findUniqueOrThrow({ where: { id }, select: { roles: true, disabledAt: true } });
    if (disabled && member.roles.includes("AGENCY_ADMIN") && !member.disabledAt) {
      await assertAgencyKeepsAnAdmin(tx, id, "memberId");
    }
    if ((member.disabledAt !== null) !== disabled) {
      await tx.member.updateMany({
        where: { id },
        data: { disabledAt: disabled ? new Date() : null, version: { increment: 1 } },
      });
    }
    await recordAuditEvent(tx, ctx, {
      action: disabled ? "member.disable" : "member.enable",
      entityType: "Member",
      entityId: id,
    });
    return { id };
  });
}
