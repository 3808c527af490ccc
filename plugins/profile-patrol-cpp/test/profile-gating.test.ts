import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import patrolCpp from "../src/index.ts";

const STATUS = `{ agency { orgUnits(first: 20) { edges { node { name kind communityPolicing { requiredUpdateSections openFindings } } } } } }`;

describe("fields the patrol-cpp profile adds", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ profiles: [patrolCpp] });
  });
  afterAll(() => t.close());

  it("answer for an agency that enabled the profile (metro)", async () => {
    const response = await t.graphql<{
      agency: {
        orgUnits: { edges: { node: { kind: string; communityPolicing: { requiredUpdateSections: string[] } | null } }[] };
      };
    }>(STATUS, { token: await t.tokenFor("metro", "UNIT_COMMANDER") });
    expect(response.errors).toBeUndefined();
    const stations = response.data!.agency.orgUnits.edges.filter((edge) => edge.node.kind === "PATROL_STATION");
    expect(stations.length).toBe(3);
    expect(stations[0]!.node.communityPolicing?.requiredUpdateSections).toEqual([
      "community-feedback",
      "effectiveness",
      "planned-responses",
      "community-sharing",
    ]);
    const headquarters = response.data!.agency.orgUnits.edges.find((edge) => edge.node.kind === "HEADQUARTERS");
    expect(headquarters?.node.communityPolicing).toBeNull();
  });

  it("are refused with a clear FORBIDDEN to an agency that did not (lakeview), showing none of the profile's data", async () => {
    const response = await t.graphql(STATUS, { token: await t.tokenFor("lakeview", "CHIEF") });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(response.errors?.[0]?.message).toBe('This needs the "patrol-cpp" policy profile, which your agency has not enabled.');
    expect(JSON.stringify(response.data)).not.toMatch(/community-feedback/);
  });

  it("stop answering once the agency disables the profile", async () => {
    const chief = await t.tokenFor("metro", "CHIEF");
    const disabled = await t.graphql(
      `mutation { configurePolicyProfile(input: { profileId: "patrol-cpp", enabled: false }) { enabled } }`,
      { token: chief },
    );
    expect(disabled.data).toEqual({ configurePolicyProfile: { enabled: false } });
    const response = await t.graphql(STATUS, { token: chief });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
