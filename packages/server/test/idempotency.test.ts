import { createTestApp, postgresAvailable, type TestApp, type TestDatabaseKind } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CREATE = `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { id name } } }`;

const databases: TestDatabaseKind[] = postgresAvailable ? ["embedded", "postgres"] : ["embedded"];

describe.each(databases)("Idempotency-Key on mutations (%s)", (database) => {
  let t: TestApp;
  let coordinator: string;
  /** Stakeholders so named in either agency. */
  const count = async (name: string) =>
    (await (await t.agencyDb("metro")).stakeholder.count({ where: { name } })) +
    (await (await t.agencyDb("lakeview")).stakeholder.count({ where: { name } }));

  beforeAll(async () => {
    t = await createTestApp({ database });
    coordinator = await t.tokenFor("metro", "COORDINATOR");
  });
  afterAll(() => t.close());

  it("answers a retry with the first result and creates one row", async () => {
    const send = () =>
      t.graphql(CREATE, { token: coordinator, variables: { name: "Lincoln High" }, headers: { "idempotency-key": "retry-1" } });
    const first = await send();
    const retry = await send();
    expect(first.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    expect(await count("Lincoln High")).toBe(1);
  });

  it("refuses the same key with a different request, changing nothing", async () => {
    await t.graphql(CREATE, {
      token: coordinator,
      variables: { name: "Jefferson Middle" },
      headers: { "idempotency-key": "retry-2" },
    });
    const other = await t.graphql(CREATE, {
      token: coordinator,
      variables: { name: "Other School" },
      headers: { "idempotency-key": "retry-2" },
    });
    expect(other.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(other.errors?.[0]?.message).toMatch(/different request/);
    expect(await count("Other School")).toBe(0);
  });

  it("creates one row when duplicates arrive at once", async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.graphql(CREATE, {
          token: coordinator,
          variables: { name: "Roosevelt Elementary" },
          headers: { "idempotency-key": "burst-1" },
        }),
      ),
    );
    expect(await count("Roosevelt Elementary")).toBe(1);
    for (const response of responses) {
      if (response.errors) expect(response.errors[0]?.extensions?.code).toBe("CONFLICT");
    }
    expect(responses.some((response) => !response.errors)).toBe(true);
  });

  it("keeps nothing for a failed mutation, so a corrected retry with the same key runs", async () => {
    const failed = await t.graphql(CREATE, {
      token: coordinator,
      variables: { name: "  " },
      headers: { "idempotency-key": "fix-1" },
    });
    expect(failed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fixed = await t.graphql(CREATE, {
      token: coordinator,
      variables: { name: "Washington Prep" },
      headers: { "idempotency-key": "fix-1" },
    });
    expect(fixed.errors).toBeUndefined();
    expect(await count("Washington Prep")).toBe(1);
  });

  it("keeps keys apart per caller, and covers public submissions", async () => {
    const lakeview = await t.graphql(CREATE, {
      token: await t.tokenFor("lakeview", "COORDINATOR"),
      variables: { name: "Lincoln High" },
      headers: { "idempotency-key": "retry-1" },
    });
    expect(lakeview.errors).toBeUndefined();
    const submit = () =>
      t.graphql(
        `mutation { submitFeedback(input: { agencySlug: "metro", text: "Streetlight out on 5th and Main" }) { received } }`,
        {
          headers: { "idempotency-key": "public-1" },
        },
      );
    await submit();
    await submit();
    const metro = await t.agencyDb("metro");
    expect(await metro.feedback.count({ where: { text: "Streetlight out on 5th and Main" } })).toBe(1);
  });

  it("refuses a malformed key", async () => {
    const response = await t.graphql(CREATE, {
      token: coordinator,
      variables: { name: "X" },
      headers: { "idempotency-key": "has spaces" },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
