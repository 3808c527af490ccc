import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityOpenForCheckIn } from "./support/check-in-activity.ts";
import { liveClient, sleep, until } from "./support/live-clients.ts";

const decodeId = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;

const EVENTS = `subscription ($types: [String!]) { agencyEvents(types: $types) { type at entityType entityId actor { email } } }`;
const CREATE = `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { id } } }`;

type AgencyEvent = {
  agencyEvents: { type: string; at: string; entityType: string; entityId: string | null; actor: { email: string } | null };
};

describe("live feeds over graphql-ws and SSE", () => {
  let t: TestApp;
  let coordinator: string;
  const clients: { close(): void }[] = [];
  const open = (token?: string) => {
    const client = liveClient(t.wsUrl!, token);
    clients.push(client);
    return client;
  };
  let counter = 0;
  const createStakeholder = () => t.graphql(CREATE, { token: coordinator, variables: { name: `Live school ${++counter}` } });

  beforeAll(async () => {
    t = await createTestApp({ listen: { revalidateMs: 200 }, liveRevalidateMs: 200 });
    coordinator = await t.tokenFor("metro", "COORDINATOR");
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t.close();
  });

  it("delivers an agency's events to its members, resolved per subscriber, and nothing to another agency", async () => {
    const chief = open(await t.tokenFor("metro", "CHIEF"));
    const events = chief.subscribe<AgencyEvent>(EVENTS);
    const onlyPlans = open(await t.tokenFor("metro", "MEMBER")).subscribe<AgencyEvent>(EVENTS, { types: ["plan.*"] });
    const lakeview = open(await t.tokenFor("lakeview", "CHIEF")).subscribe<AgencyEvent>(EVENTS);

    await until(
      async () => {
        await createStakeholder();
        return events.data.length > 0;
      },
      10_000,
      "the metro event",
    );
    const event = events.data[0]!.agencyEvents;
    expect(event).toMatchObject({
      type: "stakeholder.create",
      entityType: "Stakeholder",
      actor: { email: "coordinator@metro.example" },
    });
    expect(Number.isNaN(Date.parse(event.at))).toBe(false);
    // The entity is a global ID the subscriber can read with its own access.
    const node = await t.graphql<{ node: { name: string } }>(
      `query ($id: ID!) { node(id: $id) { ... on Stakeholder { name } } }`,
      {
        token: coordinator,
        variables: { id: event.entityId },
      },
    );
    expect(node.data?.node?.name).toMatch(/^Live school/);

    await sleep(300);
    expect(lakeview.data).toEqual([]);
    expect(lakeview.errors).toEqual([]);
    expect(onlyPlans.data).toEqual([]);
  });

  it("closes a socket whose token is bad with 4403, and refuses subscriptions to the public", async () => {
    const bad = open("not-a-token");
    await until(() => bad.closes.length > 0, 5000, "the close");
    expect(bad.closes[0]).toBe(4403);

    const anonymous = open().subscribe(EVENTS);
    await until(() => anonymous.completed, 5000, "the refusal");
    expect(anonymous.errors[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("streams attendance of an activity as people check in, and hides other agencies' activities", async () => {
    const { activityId, code } = await activityOpenForCheckIn(t, coordinator);
    const QUERY = `subscription ($id: ID!) { activityCheckIns(activityId: $id) { attendance activity { id } } }`;
    const updates = open(coordinator).subscribe<{ activityCheckIns: { attendance: number; activity: { id: string } } }>(QUERY, {
      id: activityId,
    });
    const foreign = open(await t.tokenFor("lakeview", "CHIEF")).subscribe(QUERY, { id: activityId });

    let attendees = 0;
    await until(
      async () => {
        const response = await t.graphql(
          `mutation ($input: CheckInToActivityInput!) { checkInToActivity(input: $input) { attendance } }`,
          { variables: { input: { activityId, agencySlug: "metro", code, attendeeName: `Guest ${++attendees}` } } },
        );
        expect(response.errors).toBeUndefined();
        return updates.data.length > 0;
      },
      10_000,
      "the attendance update",
    );
    expect(updates.data[0]!.activityCheckIns.activity.id).toBe(activityId);
    // Each update carries the attendance as it stands when the subscriber reads it.
    const attendance = await t.database.prisma.activityCheckIn.count({ where: { activityId: decodeId(activityId) } });
    expect(attendance).toBe(attendees);
    await until(() => updates.data.some((update) => update.activityCheckIns.attendance === attendance), 5000, "the count");

    await until(() => foreign.completed, 5000, "the foreign refusal");
    expect(foreign.errors[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("sends finding changes with the finding as the subscriber reads it from its own agency", async () => {
    const agency = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
    const finding = await t.database.prisma.finding.create({
      data: {
        agencyId: agency.id,
        profileId: "patrol-cpp",
        ruleId: "plan-overdue",
        key: "live-test",
        severity: "WARNING",
        subjectType: "Agency",
        message: "The plan is overdue.",
      },
    });
    const QUERY = `subscription { complianceChanged { change finding { ruleId message open } } }`;
    const metro = open(await t.tokenFor("metro", "UNIT_COMMANDER")).subscribe<{ complianceChanged: unknown }>(QUERY);
    const lakeview = open(await t.tokenFor("lakeview", "CHIEF")).subscribe(QUERY);
    await until(
      async () => {
        t.bus.publish([
          { type: "finding.raise", agencyId: agency.id, entityType: "Finding", entityId: finding.id, at: new Date() },
        ]);
        return metro.data.length > 0;
      },
      10_000,
      "the finding",
    );
    expect(metro.data[0]!.complianceChanged).toEqual({
      change: "RAISED",
      finding: { ruleId: "plan-overdue", message: "The plan is overdue.", open: true },
    });
    await sleep(200);
    expect(lakeview.data).toEqual([]);
  });

  it("delivers over SSE (Accept: text/event-stream) with the same authentication", async () => {
    const abort = new AbortController();
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      signal: abort.signal,
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        authorization: `Bearer ${await t.tokenFor("metro", "MEMBER")}`,
      },
      body: JSON.stringify({ query: `subscription { agencyEvents(types: ["stakeholder.create"]) { type actor { email } } }` }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const reading = (async () => {
      while (!text.includes("stakeholder.create")) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
    })();
    await until(
      async () => {
        await createStakeholder();
        return text.includes("stakeholder.create");
      },
      10_000,
      "the SSE event",
    );
    await reading;
    const data = text.split("\n").find((line) => line.startsWith("data:") && line.includes("stakeholder.create"))!;
    expect(JSON.parse(data.slice(5))).toEqual({
      data: { agencyEvents: { type: "stakeholder.create", actor: { email: "coordinator@metro.example" } } },
    });
    abort.abort();

    const anonymous = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: `subscription { agencyEvents { type } }` }),
    });
    expect(await anonymous.text()).toContain("UNAUTHENTICATED");
  });

  it("ends the subscriptions of a member who is disabled, loses the role, or whose token expires", async () => {
    const prisma = t.database.prisma;
    const disabled = open(await t.tokenFor("metro", "MEMBER", { email: "member@metro.example" }));
    const disabledEvents = disabled.subscribe(EVENTS);
    const demoted = open(await t.tokenFor("metro", "UNIT_COMMANDER"));
    const demotedEvents = demoted.subscribe(EVENTS);
    const expiring = open(await t.tokenFor("metro", "AGENCY_ADMIN", { ttl: "2s" }));
    const expiringEvents = expiring.subscribe(EVENTS);
    const unaffected = open(await t.tokenFor("metro", "CHIEF"));
    const unaffectedEvents = unaffected.subscribe(EVENTS);
    await sleep(400);
    expect(disabled.closes).toEqual([]);

    await prisma.member.updateMany({ where: { email: "member@metro.example" }, data: { disabledAt: new Date() } });
    const commander = await prisma.member.findFirstOrThrow({ where: { email: "unit_commander@metro.example" } });
    await prisma.member.update({
      where: { id: commander.id },
      data: { roles: commander.roles.filter((role) => role !== "UNIT_COMMANDER").concat(["MEMBER"]) },
    });
    // The stream ends first (UNAUTHENTICATED), then the socket closes with 4403: wait for both.
    const ended = (client: { closes: number[] }, events: { completed: boolean }) =>
      client.closes.includes(4403) && events.completed;
    await until(() => ended(disabled, disabledEvents) && ended(demoted, demotedEvents), 3000, "revocation");
    await until(() => ended(expiring, expiringEvents), 5000, "expiry");
    for (const client of [disabled, demoted, expiring]) expect(client.closes).toContain(4403);

    // The others keep receiving.
    expect(unaffected.closes).toEqual([]);
    await until(
      async () => {
        await createStakeholder();
        return unaffectedEvents.data.length > 0;
      },
      10_000,
      "an event after the revocations",
    );
    await prisma.member.updateMany({ where: { email: "member@metro.example" }, data: { disabledAt: null } });
    await prisma.member.update({ where: { id: commander.id }, data: { roles: commander.roles } });
  });

  it("ends an SSE subscription with UNAUTHENTICATED once its token expires", async () => {
    // SSE has no socket whose check would end it: the stream re-checks its subscriber itself.
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        authorization: `Bearer ${await t.tokenFor("metro", "MEMBER", { ttl: "2s" })}`,
      },
      body: JSON.stringify({ query: `subscription { agencyEvents { type } }` }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const ended = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
      }
    })();
    await until(() => text.includes("UNAUTHENTICATED"), 8000, "the end of the SSE stream");
    await reader.cancel();
    await ended;
  });
});

describe("the socket obeys production's schema policy", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ production: true, seed: false, listen: true });
  });
  afterAll(() => t.close());

  it("refuses introspection and field suggestions over the socket as over HTTP, and masks nothing it should not", async () => {
    const client = liveClient(t.wsUrl!);
    try {
      const introspection = client.subscribe(`{ __schema { types { name } } }`);
      const typeQuery = client.subscribe(`{ __type(name: "Stakeholder") { name } }`);
      const misspelled = client.subscribe(`{ viewr { roles } }`);
      const aliasBomb = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: viewer { roles }`).join(" ")} }`;
      const aliases = client.subscribe(aliasBomb);
      const allowed = client.subscribe<{ __typename: string }>(`{ __typename }`);
      await until(() => [introspection, typeQuery, misspelled, aliases, allowed].every((c) => c.completed), 5000, "the answers");
      // The HTTP query limits apply to operations on the socket too, without closing it.
      expect(aliases.data).toEqual([]);
      const overHttp = await t.graphql(aliasBomb);
      expect(overHttp.errors?.[0]?.message).toBeTruthy();
      expect(aliases.errors[0]?.message).toBe(overHttp.errors?.[0]?.message);
      expect(client.closes).toEqual([]);
      expect(introspection.data).toEqual([]);
      expect(introspection.errors[0]?.message).toMatch(/introspection/i);
      expect(typeQuery.errors[0]?.message).toMatch(/introspection/i);
      expect(misspelled.errors[0]?.message).not.toMatch(/did you mean/i);
      expect(allowed.data).toEqual([{ __typename: "Query" }]);
    } finally {
      client.close();
    }
    const http = await t.graphql(`{ __schema { types { name } } }`);
    expect(http.errors?.[0]?.message).toMatch(/introspection/i);
  });
});
