import { createEventBus, createInMemoryPubSub, type Principal } from "@roundtable/core";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { GraphQLError } from "graphql";
import { createSchema, createYoga } from "graphql-yoga";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oncePerRequest } from "../src/request-principal.ts";
import { AgencyPartitionedCache } from "../src/response-cache/agency-partitioned-cache.ts";
import { attachCacheInvalidation } from "../src/response-cache/attach-cache-invalidation.ts";
import { createAgencyResponseCache } from "../src/response-cache/use-agency-response-cache.ts";

const AGENCY_NAME = "{ agency { name } }";
const CREATE = `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { id } } }`;

/** A member of agency-1 as the sign-in would find them. */
const principalFor = (memberId: string): Principal => ({
  kind: "member",
  agencyId: "agency-1",
  agencySlug: "a",
  memberId,
  email: "",
  roles: ["CHIEF"],
  via: "jwt",
});

describe("response cache", () => {
  let t: TestApp;
  let metroChief: string;
  let lakeviewChief: string;

  /** Renames an agency behind the API's back: no domain event, so no invalidation. */
  const renameQuietly = async (slug: string, name: string) => {
    const db = await t.agencyDb(slug);
    await db.agency.updateMany({ data: { name } });
  };
  const nameSeenBy = async (token: string) =>
    (await t.graphql<{ agency: { name: string } }>(AGENCY_NAME, { token })).data?.agency.name;

  beforeAll(async () => {
    t = await createTestApp({ responseCacheTtlMs: 60_000, signInCacheTtlMs: 60_000 });
    metroChief = await t.tokenFor("metro", "CHIEF");
    lakeviewChief = await t.tokenFor("lakeview", "CHIEF");
  });
  afterAll(() => t.close());

  it("answers a repeated query from the cache, and a committed change of the agency makes it fresh", async () => {
    const original = await nameSeenBy(metroChief);
    await renameQuietly("metro", "Metro (renamed quietly)");
    expect(await nameSeenBy(metroChief)).toBe(original);

    const created = await t.graphql(CREATE, { token: metroChief, variables: { name: "Cache Buster High" } });
    expect(created.errors).toBeUndefined();
    await t.settle();
    expect(await nameSeenBy(metroChief)).toBe("Metro (renamed quietly)");
  });

  it("never answers one agency from another's cache, and one agency's change leaves the other's cached", async () => {
    const metro = await nameSeenBy(metroChief);
    const lakeview = await nameSeenBy(lakeviewChief);
    expect(metro).not.toBe(lakeview);
    await renameQuietly("lakeview", "Lakeview (renamed quietly)");
    await t.graphql(CREATE, { token: metroChief, variables: { name: "Only Metro Changed" } });
    await t.settle();
    expect(await nameSeenBy(lakeviewChief)).toBe(lakeview);
  });

  it("never answers one member or role from another's cache", async () => {
    type Viewer = { viewer: { roles: string[]; member: { email: string } } };
    const query = "{ viewer { roles member { email } } }";
    const chief = await t.graphql<Viewer>(query, { token: metroChief });
    const coordinator = await t.graphql<Viewer>(query, { token: await t.tokenFor("metro", "COORDINATOR") });
    expect(chief.data?.viewer).toEqual({ roles: ["CHIEF"], member: { email: "chief@metro.example" } });
    expect(coordinator.data?.viewer).toEqual({ roles: ["COORDINATOR"], member: { email: "coordinator@metro.example" } });
  });

  it("remembers a sign-in, yet shuts a member disabled through the API out at once", async () => {
    const viewer = "{ viewer { authenticated member { id email } } }";
    const member = await t.tokenFor("metro", "MEMBER");
    const seen = await t.graphql<{ viewer: { member: { id: string } } }>(viewer, { token: member });
    const memberId = seen.data!.viewer.member.id;
    // Disabled behind the API's back: the remembered sign-in (and answer) still serve.
    await (await t.agencyDb("metro")).member.updateMany({
      where: { email: "member@metro.example" },
      data: { disabledAt: new Date() },
    });
    expect((await t.graphql(viewer, { token: member })).data).toMatchObject({ viewer: { authenticated: true } });
    await (await t.agencyDb("metro")).member.updateMany({ where: { email: "member@metro.example" }, data: { disabledAt: null } });

    const admin = await t.tokenFor("metro", "AGENCY_ADMIN");
    const disabled = await t.graphql(`mutation ($id: ID!) { disableMember(memberId: $id) { member { disabled } } }`, {
      token: admin,
      variables: { id: memberId },
    });
    expect(disabled.errors).toBeUndefined();
    await t.settle();
    expect((await t.graphql(viewer, { token: member })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("keeps no answer that has errors, and still authenticates every request", async () => {
    const refused = await t.graphql("{ agency { name } }", { token: "Bearer-nonsense" });
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const anonymous = await t.graphql("{ agency { name } }");
    expect(anonymous.data?.agency ?? null).toBeNull();
  });
});

describe("remembered sign-ins without the response cache", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ signInCacheTtlMs: 60_000 });
  });
  afterAll(() => t.close());

  it("answers every query fresh, keeps the sign-in, and forgets it when the agency changes", async () => {
    const viewer = "{ viewer { member { name } } }";
    const member = await t.tokenFor("metro", "MEMBER");
    const db = await t.agencyDb("metro");
    expect((await t.graphql(viewer, { token: member })).errors).toBeUndefined();
    // Renamed behind the API's back: the answer is read again, no cache serves the old name.
    await db.member.updateMany({ where: { email: "member@metro.example" }, data: { name: "Renamed Quietly" } });
    expect((await t.graphql(viewer, { token: member })).data).toEqual({ viewer: { member: { name: "Renamed Quietly" } } });
    // Disabled behind the API's back: the remembered sign-in still serves (the TTL bounds it).
    await db.member.updateMany({ where: { email: "member@metro.example" }, data: { disabledAt: new Date() } });
    expect((await t.graphql(viewer, { token: member })).errors).toBeUndefined();
    // Any committed change of the agency through the API forgets its sign-ins at once.
    const chief = await t.tokenFor("metro", "CHIEF");
    const created = await t.graphql(CREATE, { token: chief, variables: { name: "Harbor Youth League" } });
    expect(created.errors).toBeUndefined();
    await t.settle();
    expect((await t.graphql(viewer, { token: member })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("cache invalidation across server processes", () => {
  it("drops an agency's answers in every process that shares the pub/sub, and only that agency's", async () => {
    const pubSub = createInMemoryPubSub();
    const log = pino({ level: "silent" });
    const [busA, busB] = [createEventBus(log), createEventBus(log)];
    const [cacheA, cacheB] = [new AgencyPartitionedCache(), new AgencyPartitionedCache()];
    const stops = [await attachCacheInvalidation([cacheA], busA, pubSub), await attachCacheInvalidation([cacheB], busB, pubSub)];
    const answer = { data: { agency: { name: "x" } } };
    for (const cache of [cacheA, cacheB]) {
      await cache.set(AgencyPartitionedCache.key("agency-1", "q"), answer, 60_000);
      await cache.set(AgencyPartitionedCache.key("agency-2", "q"), answer, 60_000);
      await cache.set(AgencyPartitionedCache.key("public", "q"), answer, 60_000);
    }

    busA.publish([{ type: "stakeholder.create", agencyId: "agency-1", entityType: "Stakeholder", at: new Date() }]);
    await busA.settled();

    for (const cache of [cacheA, cacheB]) {
      expect(await cache.get(AgencyPartitionedCache.key("agency-1", "q"))).toBeUndefined();
      expect(await cache.get(AgencyPartitionedCache.key("public", "q"))).toBeUndefined();
      expect(await cache.get(AgencyPartitionedCache.key("agency-2", "q"))).toEqual(answer);
    }
    for (const stop of stops) await stop();
    await pubSub.close();
  });
});

describe("identical queries running at once", () => {
  /** A yoga server with the cache's plugins over a schema whose one field counts its runs and waits for a gate. */
  function countingServer() {
    let runs = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { plugins, cache } = createAgencyResponseCache({ ttlMs: 60_000 });
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: "type Query { slow: Int! }",
        resolvers: {
          Query: {
            slow: async () => {
              runs += 1;
              await gate;
              return runs;
            },
          },
        },
      }),
      plugins: plugins as never,
      context: ({ request }) => ({ principal: principalFor(request.headers.get("x-member") ?? "m1") }),
      logging: false,
    });
    const ask = (member = "m1") =>
      Promise.resolve(
        yoga.fetch("http://test/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", "x-member": member },
          body: JSON.stringify({ query: "{ slow }" }),
        }),
      ).then((response: Response) => response.json() as Promise<{ data?: { slow: number } }>);
    return { ask, open, cache, runs: () => runs };
  }
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("runs the query once for the same caller and hands every waiter that answer", async () => {
    const server = countingServer();
    const answers = Array.from({ length: 10 }, () => server.ask());
    await until(() => server.runs() === 1 && server.cache.inFlight.size === 1);
    server.open();
    expect((await Promise.all(answers)).map((answer) => answer.data?.slow)).toEqual(Array(10).fill(1));
    expect(server.runs()).toBe(1);
    expect(server.cache.inFlight.size).toBe(0);
  });

  it("never shares a running query between members", async () => {
    const server = countingServer();
    const answers = [server.ask("m1"), server.ask("m2"), server.ask("m1")];
    await until(() => server.runs() === 2);
    server.open();
    await Promise.all(answers);
    expect(server.runs()).toBe(2);
  });

  it("does not hand an answer begun before a change of the agency to someone asking after it", async () => {
    const server = countingServer();
    const before = server.ask();
    await until(() => server.runs() === 1);
    server.cache.invalidateAgency("agency-1");
    const after = server.ask();
    await until(() => server.runs() === 2);
    server.open();
    await Promise.all([before, after]);
    expect(server.runs()).toBe(2);
  });

  it("does not keep an answer begun before a change of the agency", async () => {
    const server = countingServer();
    const before = server.ask();
    await until(() => server.runs() === 1);
    // The change commits while the query is still reading.
    server.cache.invalidateAgency("agency-1");
    server.open();
    expect((await before).data?.slow).toBe(1);
    // Asked again after the change: answered afresh, not with what was read before it.
    expect((await server.ask()).data?.slow).toBe(2);
    expect((await server.ask()).data?.slow).toBe(2);
  });
});

describe("a repeated question over HTTP", () => {
  /** A yoga with the cache's plugins that counts sign-ins, parsed documents, contexts and runs. */
  function countingYoga(refuse: (member: string) => boolean = () => false) {
    const counts = { signIns: 0, parses: 0, contexts: 0, runs: 0 };
    const whoAsks = oncePerRequest(async (request) => {
      counts.signIns += 1;
      const member = request.headers.get("x-member") ?? "m1";
      if (refuse(member)) throw new GraphQLError("refused", { extensions: { code: "UNAUTHENTICATED" } });
      return principalFor(member);
    });
    const { plugins } = createAgencyResponseCache({ ttlMs: 60_000 }, whoAsks);
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: "type Query { runs: Int! }",
        resolvers: { Query: { runs: () => ++counts.runs } },
      }),
      plugins: [
        ...(plugins as never[]),
        {
          onParse() {
            counts.parses += 1;
          },
        },
      ],
      context: async ({ request }) => {
        counts.contexts += 1;
        return { principal: await whoAsks(request, {}) };
      },
      logging: false,
    });
    const ask = async (member = "m1") => {
      const response = await yoga.fetch("http://test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", "x-member": member },
        body: JSON.stringify({ query: "{ runs }" }),
      });
      return (await response.json()) as { data?: { runs: number }; errors?: { extensions?: { code?: string } }[] };
    };
    return { ask, counts };
  }

  it("is answered after the sign-in but before its document is parsed or a context is built", async () => {
    const { ask, counts } = countingYoga();
    expect((await ask()).data).toEqual({ runs: 1 });
    expect(counts).toEqual({ signIns: 1, parses: 1, contexts: 1, runs: 1 });
    expect((await ask()).data).toEqual({ runs: 1 });
    expect(counts).toEqual({ signIns: 2, parses: 1, contexts: 1, runs: 1 });
    // Another member asking the same is not answered from the first one's answer.
    expect((await ask("m2")).data).toEqual({ runs: 2 });
    expect(counts).toEqual({ signIns: 3, parses: 2, contexts: 2, runs: 2 });
  });

  it("signs a refused caller in once and answers the refusal, never a kept answer", async () => {
    let refusing = false;
    const { ask, counts } = countingYoga(() => refusing);
    await ask();
    refusing = true;
    const refused = await ask();
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(counts.signIns).toBe(2);
    expect(counts.runs).toBe(1);
  });
});

describe("an answer past its TTL", () => {
  it("is refreshed by the first caller while the others are still served it, then replaced", () => {
    let now = 0;
    const cache = new AgencyPartitionedCache(10, () => now);
    const key = AgencyPartitionedCache.key("agency-1", "q");
    cache.set(key, { data: { n: 1 } }, 1_000);
    now = 999;
    expect(cache.get(key)).toEqual({ data: { n: 1 } });
    now = 1_000;
    expect(cache.get(key)).toBeUndefined(); // this caller refreshes
    expect(cache.get(key)).toEqual({ data: { n: 1 } }); // the others get the last answer meanwhile
    cache.set(key, { data: { n: 2 } }, 1_000);
    expect(cache.get(key)).toEqual({ data: { n: 2 } });
    now = 4_000;
    expect(cache.get(key)).toBeUndefined(); // past one more TTL: gone
  });

  it("is gone at once when its agency changes", () => {
    const cache = new AgencyPartitionedCache(10, () => 5_000);
    const key = AgencyPartitionedCache.key("agency-1", "q");
    cache.set(key, { data: { n: 1 } }, 1_000);
    cache.invalidateAgency("agency-1");
    expect(cache.get(key)).toBeUndefined();
  });
});
