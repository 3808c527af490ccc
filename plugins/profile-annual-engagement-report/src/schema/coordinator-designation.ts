import { badUserInput, conflict, recordAuditEvent, userError } from "@roundtable/core";
import { z } from "zod";
import { designationOn, todayOf } from "../coordinator-designations.ts";
import { isoDay } from "../report-year.ts";
import { type Builder, CALENDAR_DATE, dayBefore, idFromInput, PROFILE_ID, PROFILE_SCOPE } from "./schema-kit.ts";

/** CE-05: the Chief/Sheriff designates the coordinator; nobody else may. */
const DESIGNATORS = { $all: { profile: PROFILE_ID, role: ["CHIEF" as const] } };

/**
 * CE-05 in the API: `engagementCoordinator { current history }`, and the Chief's
 * `designateCoordinator` / `endCoordinatorDesignation`. Designations are dated and never
 * overlap: a new one ends the previous one the day before it starts. Each change is audited
 * (the free-text note stays out of the audit trail).
 */
export function coordinatorDesignationSchema(builder: Builder): void {
  const Designation = builder.prismaObject("CoordinatorDesignation", {
    description:
      "The employee, sworn or civilian, the Chief/Sheriff designated to develop and document the engagement strategies, and when (CE-05).",
    authScopes: PROFILE_SCOPE,
    fields: (t) => ({
      member: t.relation("member"),
      designatedBy: t.relation("designatedBy", { nullable: true }),
      startsOn: t.expose("startsOn", { type: CALENDAR_DATE }),
      endsOn: t.expose("endsOn", { type: CALENDAR_DATE, nullable: true, description: "Null while the designation lasts." }),
      note: t.exposeString("note", { nullable: true }),
      createdAt: t.expose("createdAt", { type: "DateTime" }),
    }),
  });

  const Coordinator = builder.objectRef<Record<string, never>>("EngagementCoordinator").implement({
    description: "Who the agency's community engagement coordinator is, and was (profile annual-engagement-report).",
    authScopes: PROFILE_SCOPE,
    fields: (t) => ({
      current: t.prismaField({
        type: Designation,
        nullable: true,
        description: "The designation in force today; null when nobody is designated.",
        resolve: async (query, _root, _args, ctx) => {
          const current = await designationOn(ctx.db, todayOf(new Date()));
          return current ? ctx.db.coordinatorDesignation.findUnique({ ...query, where: { id: current.id } }) : null;
        },
      }),
      history: t.prismaField({
        type: [Designation],
        description: "Every designation, newest first.",
        resolve: (query, _root, _args, ctx) =>
          ctx.db.coordinatorDesignation.findMany({ ...query, orderBy: [{ startsOn: "desc" }, { createdAt: "desc" }] }),
      }),
    }),
  });

  builder.queryField("engagementCoordinator", (t) =>
    t.field({ type: Coordinator, authScopes: PROFILE_SCOPE, resolve: () => ({}) }),
  );

  const Payload = builder.objectRef<{ id: string }>("CoordinatorDesignationPayload").implement({
    authScopes: PROFILE_SCOPE,
    fields: (t) => ({
      designation: t.prismaField({
        type: Designation,
        resolve: (query, payload, _args, ctx) =>
          ctx.db.coordinatorDesignation.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
      }),
      engagementCoordinator: t.field({ type: Coordinator, resolve: () => ({}) }),
    }),
  });

  const DesignateInput = builder.inputType("DesignateCoordinatorInput", {
    validate: z.looseObject({ note: z.string().trim().max(1000, "must be at most 1000 characters").nullish() }),
    fields: (t) => ({
      memberId: t.id({ required: true, description: "A member of your agency, sworn or civilian." }),
      startsOn: t.field({ type: CALENDAR_DATE, required: true }),
      note: t.string({ required: false }),
    }),
  });

  builder.mutationField("designateCoordinator", (t) =>
    t.field({
      type: Payload,
      authScopes: DESIGNATORS,
      description:
        "Designates the community engagement coordinator from `startsOn` (CE-05); the previous designation ends the day before.",
      args: { input: t.arg({ type: DesignateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const memberId = idFromInput("Member", input.memberId, "input.memberId");
        const startsOn = input.startsOn;
        return ctx.db.$transaction(async (tx) => {
          const member = await tx.member.findUnique({ where: { id: memberId }, select: { id: true, disabledAt: true } });
          if (!member) {
            throw userError("NOT_FOUND", "input.memberId: no such record", {
              fields: [{ field: "input.memberId", message: "no such record" }],
            });
          }
          if (member.disabledAt) throw badUserInput([{ field: "input.memberId", message: "must be an active member" }]);
          const latest = await tx.coordinatorDesignation.findFirst({ orderBy: [{ startsOn: "desc" }, { createdAt: "desc" }] });
          const lasting = latest && (latest.endsOn === null || latest.endsOn >= startsOn) ? latest : null;
          if (lasting?.memberId === memberId)
            throw conflict("input.memberId: this member is already the designated coordinator.");
          if (latest && latest.startsOn >= startsOn) {
            throw badUserInput([
              {
                field: "input.startsOn",
                message: `must be after ${isoDay(latest.startsOn)}, when the latest designation starts`,
              },
            ]);
          }
          if (lasting) {
            const endsOn = dayBefore(startsOn);
            await tx.coordinatorDesignation.update({ where: { id: lasting.id }, data: { endsOn } });
            await recordAuditEvent(tx, ctx, {
              action: "coordinator-designation.end",
              entityType: "CoordinatorDesignation",
              entityId: lasting.id,
              before: { endsOn: lasting.endsOn ? isoDay(lasting.endsOn) : null },
              after: { endsOn: isoDay(endsOn), supersededBy: "designateCoordinator" },
            });
          }
          const row = await tx.coordinatorDesignation.create({
            data: {
              agencyId: "",
              memberId,
              designatedById: ctx.principal.kind === "member" ? ctx.principal.memberId : null,
              startsOn,
              note: input.note?.trim() || null,
            },
          });
          await recordAuditEvent(tx, ctx, {
            action: "coordinator-designation.create",
            entityType: "CoordinatorDesignation",
            entityId: row.id,
            after: { memberId, startsOn: isoDay(startsOn) },
          });
          return { id: row.id };
        });
      },
    }),
  );

  const EndInput = builder.inputType("EndCoordinatorDesignationInput", {
    fields: (t) => ({
      endsOn: t.field({ type: CALENDAR_DATE, required: true, description: "The designation's last day." }),
    }),
  });

  builder.mutationField("endCoordinatorDesignation", (t) =>
    t.field({
      type: Payload,
      authScopes: DESIGNATORS,
      description:
        "Ends the open coordinator designation on `endsOn` (its last day), leaving the agency without one until the next.",
      args: { input: t.arg({ type: EndInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        ctx.db.$transaction(async (tx) => {
          const open = await tx.coordinatorDesignation.findFirst({
            where: { endsOn: null },
            orderBy: [{ startsOn: "desc" }, { createdAt: "desc" }],
          });
          if (!open) throw conflict("There is no open coordinator designation to end.");
          if (input.endsOn < open.startsOn) {
            throw badUserInput([
              { field: "input.endsOn", message: `must not be before ${isoDay(open.startsOn)}, when it starts` },
            ]);
          }
          await tx.coordinatorDesignation.update({ where: { id: open.id }, data: { endsOn: input.endsOn } });
          await recordAuditEvent(tx, ctx, {
            action: "coordinator-designation.end",
            entityType: "CoordinatorDesignation",
            entityId: open.id,
            before: { endsOn: null },
            after: { endsOn: isoDay(input.endsOn) },
          });
          return { id: open.id };
        }),
    }),
  );
}
