import { createScopeBySlug } from "@roundtable/core";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicReadTransaction } from "../src/plugins/public-read-transaction.ts";

// A public query names its agency in an argument; its reads of that agency share one
// transaction, opened when the agency is first named and committed when the query is done.
// An open transaction shows in pg_stat_activity as a backend "idle in transaction" between
// statements, which is how these tests see it on real PostgreSQL.

describe("a public query's reads (PostgreSQL)", () => {
  let t: TestApp;
  /** Connections of this test's database sitting in an open transaction. */
  const openTransactions = async () =>
    (
      await t.database.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`
    )[0]!.n;

  beforeAll(async () => {
    t = await createTestApp({ database: "postgres" });
  });
  afterAll(() => t?.close());

  it("share one transaction for the first agency named, and commit when the query is done", async () => {
    // Without it, each statement commits at once: nothing stays open between them.
    const plain = await createScopeBySlug(t.database.prisma)("metro");
    await plain!.db.orgUnit.count();
    expect(await openTransactions()).toBe(0);

    const reads = publicReadTransaction(createScopeBySlug(t.database.prisma));
    const metro = await reads.scopeBySlug("metro");
    expect(await reads.scopeBySlug("metro")).toBe(metro);
    await metro!.db.orgUnit.count();
    expect(await openTransactions()).toBe(1);
    // Row-level security still sees only the named agency inside it.
    expect(await metro!.db.agency.findMany({ select: { slug: true } })).toEqual([{ slug: "metro" }]);
    expect(await openTransactions()).toBe(1);
    await reads.finish();
    expect(await openTransactions()).toBe(0);
  });

  it("reads a second agency named in the same query statement by statement, holding one connection at most", async () => {
    const reads = publicReadTransaction(createScopeBySlug(t.database.prisma));
    await (await reads.scopeBySlug("metro"))!.db.orgUnit.count();
    const lakeview = await reads.scopeBySlug("lakeview");
    expect(await lakeview!.db.agency.findMany({ select: { slug: true } })).toEqual([{ slug: "lakeview" }]);
    expect(await reads.scopeBySlug("no-such-agency")).toBeNull();
    expect(await openTransactions()).toBe(1);
    await reads.finish();
    expect(await openTransactions()).toBe(0);
  });

  it("answers the public page over HTTP as before", async () => {
    const page = await t.graphql<{ publicAgency: { slug: string; planSummaries: unknown[]; upcomingMeetings: unknown[] } }>(
      `query ($slug: String!) { publicAgency(slug: $slug) { slug planSummaries { unitName } upcomingMeetings { title } } }`,
      { variables: { slug: "metro" } },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data?.publicAgency.slug).toBe("metro");
    const missing = await t.graphql(`{ publicAgency(slug: "no-such-agency") { slug } }`);
    expect(missing.data).toEqual({ publicAgency: null });
  });
});
