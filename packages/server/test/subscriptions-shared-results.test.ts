import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityOpenForCheckIn } from "./support/check-in-activity.ts";
import { liveClient, until } from "./support/live-clients.ts";

// Events are executed once per group of subscribers of the same agency and roles
// (use-shared-event-results.ts). These are the cases where sharing would be wrong.

const CHECK_INS = `subscription { agencyEvents(types: ["activity-check-in.*"]) { type actor { email trainingHours } } }`;

type CheckInEvent = { agencyEvents: { type: string; actor: { email: string; trainingHours: number } | null } };

describe("live events shared between subscribers of one agency and role", () => {
  let t: TestApp;
  const clients: { close(): void }[] = [];
  const open = (token: string) => {
    const client = liveClient(t.wsUrl!, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    const agency = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
    await t.database.prisma.member.create({
      data: { agencyId: agency.id, email: "second-member@metro.example", name: "Second Member", roles: ["MEMBER"] },
    });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  it("resolves a field that depends on who the viewer is for each subscriber of the same role", async () => {
    // Two members (same agency, same role): only the member who checked in may read their own training hours.
    const self = await t.tokenFor("metro", "MEMBER");
    const other = await t.tokenFor("metro", "MEMBER", { email: "second-member@metro.example" });
    const selfEvents = open(self).subscribe<CheckInEvent>(CHECK_INS);
    const otherEvents = open(other).subscribe<CheckInEvent>(CHECK_INS);
    // A member checks in once per activity: each attempt (until both subscriptions run) uses another one.
    const activityIds = (
      await t.graphql<{ activities: { edges: { node: { id: string } }[] } }>(
        "{ activities(first: 20) { edges { node { id } } } }",
        {
          token: self,
        },
      )
    ).data!.activities.edges.map((edge) => edge.node.id);
    await until(
      async () => {
        const activityId = activityIds.shift();
        if (!activityId) throw new Error("ran out of activities to check in at");
        const response = await t.graphql(
          `mutation ($input: CheckInToActivityInput!) { checkInToActivity(input: $input) { attendance } }`,
          { token: self, variables: { input: { activityId } } },
        );
        expect(response.errors).toBeUndefined();
        return selfEvents.data.length > 0 && otherEvents.data.length > 0;
      },
      10_000,
      "the check-in event at both subscribers",
    );

    expect(selfEvents.data[0]!.agencyEvents.actor).toEqual({ email: "member@metro.example", trainingHours: expect.any(Number) });
    expect(selfEvents.errors).toEqual([]);
    // The other member gets the event, but not the actor's training hours.
    expect(otherEvents.data[0]!.agencyEvents).toEqual({ type: "activity-check-in.create", actor: null });
    expect(otherEvents.errors[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("gives each role what it may see when subscribers of several roles receive one event", async () => {
    const coordinator = await t.tokenFor("metro", "COORDINATOR");
    const member = await t.tokenFor("metro", "MEMBER");
    const { activityId, code } = await activityOpenForCheckIn(t, coordinator);
    const QUERY = `subscription ($id: ID!) { activityCheckIns(activityId: $id) { attendance activity { checkInCode } } }`;
    type Update = { activityCheckIns: { attendance: number; activity: { checkInCode: string | null } } };
    // Two sockets per role, so each role's group has a subscriber that executes and one that may be handed its result.
    const staff = [
      open(coordinator).subscribe<Update>(QUERY, { id: activityId }),
      open(coordinator).subscribe<Update>(QUERY, { id: activityId }),
    ];
    const members = [
      open(member).subscribe<Update>(QUERY, { id: activityId }),
      open(member).subscribe<Update>(QUERY, { id: activityId }),
    ];

    let attendees = 0;
    await until(
      async () => {
        await t.graphql(`mutation ($input: CheckInToActivityInput!) { checkInToActivity(input: $input) { attendance } }`, {
          variables: { input: { activityId, agencySlug: "metro", code, attendeeName: `Guest ${++attendees}` } },
        });
        return [...staff, ...members].every((stream) => stream.data.length > 0);
      },
      10_000,
      "the attendance update at every subscriber",
    );
    for (const stream of staff) {
      expect(stream.data[0]!.activityCheckIns.activity.checkInCode).toBe(code);
      expect(stream.errors).toEqual([]);
    }
    for (const stream of members) {
      expect(stream.data[0]!.activityCheckIns.activity.checkInCode).toBeNull();
      expect(stream.errors[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });
});
