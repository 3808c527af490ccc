import type { PrismaObjectRef } from "@pothos/plugin-prisma";
import { getRefFromModel } from "@pothos/plugin-prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { PrismaTypes } from "@roundtable/db";
import { z } from "zod";
import { eventMatches } from "../events/domain-event.ts";
import type { LiveEvent } from "../live/live-event.ts";
import { agencyEventsTopic } from "../live/topics.ts";
import { builder } from "./builder.ts";
import { FindingRef } from "./compliance.ts";
import { isNodeType } from "./global-id.ts";
import { agencyIdOf } from "./live-subscriber.ts";

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/** The Member type member.ts declares (it exports no ref). */
const MemberRef = getRefFromModel("Member", builder) as unknown as PrismaObjectRef<
  BuilderTypes,
  PrismaTypes["Member"],
  PrismaTypes["Member"]["Shape"]
>;

builder.subscriptionType({
  description:
    "Live feeds of the viewer's agency, over graphql-ws (WebSocket) or SSE on /graphql. Every field of an event is resolved for each subscriber with its own access; a subscription ends when that access is revoked.",
});

export const AgencyEvent = builder.objectRef<LiveEvent>("AgencyEvent").implement({
  description: "Something that happened in the agency: a record created, updated, approved; a finding raised or resolved.",
  authScopes: { member: true },
  fields: (t) => ({
    type: t.exposeString("type", {
      description: "`<entity>.<verb>`, as in the audit trail: `stakeholder.create`, `finding.raise`.",
    }),
    at: t.field({ type: "DateTime", resolve: (event) => new Date(event.at) }),
    entityType: t.exposeString("entityType"),
    entityId: t.id({
      nullable: true,
      description: "Global ID of the record (use node(id:)); null when the record is no node.",
      resolve: (event, _args, _ctx, info) =>
        event.entityId && isNodeType(info.schema, event.entityType) ? encodeGlobalID(event.entityType, event.entityId) : null,
    }),
    actor: t.prismaField({
      type: MemberRef,
      nullable: true,
      description: "The member who acted; null for the public and for the system.",
      resolve: (query, event, _args, ctx) =>
        event.actorMemberId ? ctx.db.member.findUnique({ ...query, where: { id: event.actorMemberId } }) : null,
    }),
  }),
});

const eventTypePatterns = z
  .array(z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"))
  .max(50, "must list at most 50 types");

builder.subscriptionField("agencyEvents", (t) =>
  t.field({
    type: AgencyEvent,
    authScopes: { member: true },
    description: "Every domain event of the viewer's agency, optionally only the given types.",
    args: {
      types: t.arg.stringList({
        required: false,
        description: "Exact types (`plan-revision.submit`), whole entities (`feedback.*`) or `*`.",
        validate: eventTypePatterns.nullish(),
      }),
    },
    subscribe: (_root, { types }, ctx) =>
      ctx.live.subscribe(agencyEventsTopic(agencyIdOf(ctx)), (event) =>
        types?.length ? types.some((pattern) => eventMatches(pattern, event.type)) : true,
      ),
    resolve: (event) => event,
  }),
);

const ComplianceChangeKind = builder.enumType("ComplianceChangeKind", { values: ["RAISED", "RESOLVED"] as const });

const ComplianceChange = builder.objectRef<LiveEvent>("ComplianceChange").implement({
  description: "A finding raised or resolved.",
  authScopes: { member: true },
  fields: (t) => ({
    change: t.field({
      type: ComplianceChangeKind,
      resolve: (event) => (event.type === "finding.resolve" ? "RESOLVED" : "RAISED"),
    }),
    at: t.field({ type: "DateTime", resolve: (event) => new Date(event.at) }),
    finding: t.prismaField({
      type: FindingRef,
      nullable: true,
      description: "The finding as the subscriber may see it now; null if it no longer exists.",
      resolve: (query, event, _args, ctx) =>
        event.entityId ? ctx.db.finding.findUnique({ ...query, where: { id: event.entityId } }) : null,
    }),
  }),
});

builder.subscriptionField("complianceChanged", (t) =>
  t.field({
    type: ComplianceChange,
    authScopes: { member: true },
    description: "Findings of the viewer's agency as they are raised and resolved.",
    subscribe: (_root, _args, ctx) =>
      ctx.live.subscribe(
        agencyEventsTopic(agencyIdOf(ctx)),
        (event) => event.type === "finding.raise" || event.type === "finding.resolve",
      ),
    resolve: (event) => event,
  }),
);
