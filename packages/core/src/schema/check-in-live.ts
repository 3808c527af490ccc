import { notFound } from "../errors.ts";
import { agencyEventsTopic } from "../live/topics.ts";
import { Activity } from "./activity-node.ts";
import { builder } from "./builder.ts";
import { decodeIdOf } from "./global-id.ts";
import { agencyIdOf } from "./live-subscriber.ts";

/** The domain event a check-in records; its entity is the activity checked in at. */
export const CHECK_IN_EVENT = "activity-check-in.create";

/** Who may see and set an activity's check-in code. */
export const CHECK_IN_CODE_KEEPERS = ["CHIEF", "AGENCY_ADMIN", "COORDINATOR", "UNIT_COMMANDER"] as const;

builder.prismaObjectFields("Activity", (t) => ({
  checkInCount: t.int({
    description: "How many checked in (members and attendees with the code).",
    resolve: (activity, _args, ctx) => ctx.db.activityCheckIn.count({ where: { activityId: activity.id } }),
  }),
  checkInCode: t.exposeString("checkInCode", {
    nullable: true,
    authScopes: { role: [...CHECK_IN_CODE_KEEPERS] },
    description: "The code attendees type to check in; staff only. Set with setActivityCheckInCode.",
  }),
}));

const ActivityCheckInUpdate = builder.objectRef<{ activityId: string; at: string }>("ActivityCheckInUpdate").implement({
  description: "Someone checked in at the activity.",
  authScopes: { member: true },
  fields: (t) => ({
    at: t.field({ type: "DateTime", resolve: (update) => new Date(update.at) }),
    attendance: t.int({
      description: "How many have checked in so far.",
      resolve: (update, _args, ctx) => ctx.db.activityCheckIn.count({ where: { activityId: update.activityId } }),
    }),
    activity: t.prismaField({
      type: Activity,
      resolve: (query, update, _args, ctx) => ctx.db.activity.findUniqueOrThrow({ ...query, where: { id: update.activityId } }),
    }),
  }),
});

builder.subscriptionField("activityCheckIns", (t) =>
  t.field({
    type: ActivityCheckInUpdate,
    authScopes: { member: true },
    description: "Attendance of one activity of the viewer's agency, as people check in.",
    args: { activityId: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const agencyId = agencyIdOf(ctx);
      const activityId = decodeIdOf("Activity", args.activityId);
      // Another agency's activity reads exactly like one that never existed.
      const exists = activityId && (await ctx.db.activity.findUnique({ where: { id: activityId }, select: { id: true } }));
      if (!exists) throw notFound("activityId: the activity");
      return ctx.live.subscribe(
        agencyEventsTopic(agencyId),
        (event) => event.type === CHECK_IN_EVENT && event.entityId === activityId,
      );
    },
    resolve: (event) => ({ activityId: event.entityId ?? "", at: event.at }),
  }),
);
