import { createEventBus, createInMemoryPubSub } from "@roundtable/core";
import { createTestApp, type TestApp } from "@roundtable/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgencyPartitionedCache } from "../src/response-cache/agency-partitioned-cache.ts";
import { attachCacheInvalidation } from "../src/response-cache/attach-cache-invalidation.ts";

const AGENCY_NAME = "{ agency { name } }";
const CREATE = `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { id } } }`;

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
    t = await createTestApp({ responseCacheTtlMs: 60_000 });
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

  it("keeps no answer that has errors, and still authenticates every request", async () => {
    const refused = await t.graphql("{ agency { name } }", { token: "Bearer-nonsense" });
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const anonymous = await t.graphql("{ agency { name } }");
    expect(anonymous.data?.agency ?? null).toBeNull();
  });
});

describe("cache invalidation across server processes", () => {
  it("drops an agency's answers in every process that shares the pub/sub, and only that agency's", async () => {
    const pubSub = createInMemoryPubSub();
    const log = pino({ level: "silent" });
    const [busA, busB] = [createEventBus(log), createEventBus(log)];
    const [cacheA, cacheB] = [new AgencyPartitionedCache(), new AgencyPartitionedCache()];
    const stops = [await attachCacheInvalidation(cacheA, busA, pubSub), await attachCacheInvalidation(cacheB, busB, pubSub)];
    const answer = { data: { agency: { name: "x" } } };
    for (const cache of [cacheA, cacheB]) {
      await cache.set(AgencyPartitionedCache.key("agency-1", "q"), answer, [], 60_000);
      await cache.set(AgencyPartitionedCache.key("agency-2", "q"), answer, [], 60_000);
      await cache.set(AgencyPartitionedCache.key("public", "q"), answer, [], 60_000);
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
