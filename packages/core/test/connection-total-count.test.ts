import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A first page that holds every row answers `totalCount` from its own rows (no count
// statement); every other page counts. Either way the total is the number of rows there are.

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { name: string } }[];
};
const UNITS = `query ($first: Int, $after: String, $last: Int) {
  orgUnits(first: $first, after: $after, last: $last) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } }
}`;

describe("connection totals", () => {
  let t: TestApp;
  let chief: string;
  let all: number;

  beforeAll(async () => {
    t = await createTestApp();
    chief = await t.tokenFor("metro", "CHIEF");
    all = await (await t.agencyDb("metro")).orgUnit.count();
  });
  afterAll(() => t?.close());

  const page = async (variables: Record<string, unknown>) => {
    const answer = await t.graphql<{ orgUnits: Page }>(UNITS, { token: chief, variables });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orgUnits;
  };

  it("counts every row whether the page holds all of them, some of them, or the rest after a cursor", async () => {
    expect(all).toBeGreaterThan(3);
    const whole = await page({ first: 100 });
    expect(whole.edges).toHaveLength(all);
    expect(whole.totalCount).toBe(all);

    const exact = await page({ first: all });
    expect(exact.edges).toHaveLength(all);
    expect(exact.totalCount).toBe(all);

    const first = await page({ first: 2 });
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(all);

    // After a cursor the page is short, yet rows before it exist: the total still counts them.
    const rest = await page({ first: 100, after: first.pageInfo.endCursor });
    expect(rest.edges).toHaveLength(all - 2);
    expect(rest.totalCount).toBe(all);

    const last = await page({ last: 2 });
    expect(last.edges).toHaveLength(2);
    expect(last.totalCount).toBe(all);
  });

  it("keeps the total right when rows change between requests", async () => {
    const db = await t.agencyDb("metro");
    const added = await db.orgUnit.create({ data: { agencyId: "", name: "Harbor Substation", kind: "UNIT" } });
    try {
      expect((await page({ first: 100 })).totalCount).toBe(all + 1);
      expect((await page({ first: 1 })).totalCount).toBe(all + 1);
    } finally {
      await db.orgUnit.delete({ where: { id: added.id } });
    }
    expect((await page({ first: 100 })).totalCount).toBe(all);
  });
});
