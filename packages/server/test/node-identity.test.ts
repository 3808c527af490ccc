import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NODE = "query ($id: ID!) { node(id: $id) { id __typename ... on Member { email } } }";
const toGlobalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

describe("Relay node identification across agencies", () => {
  let t: TestApp;
  let metroMemberId: string;
  let lakeviewToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    const metroChief = await t.tokenFor("metro", "CHIEF");
    const viewer = await t.graphql<{ viewer: { member: { id: string } } }>("{ viewer { member { id } } }", { token: metroChief });
    metroMemberId = viewer.data!.viewer.member.id;
    lakeviewToken = await t.tokenFor("lakeview", "CHIEF");
  });
  afterAll(() => t.close());

  it("lets a metro member read a metro member by global ID", async () => {
    const response = await t.graphql(NODE, { variables: { id: metroMemberId }, token: await t.tokenFor("metro", "MEMBER") });
    expect(response.data).toEqual({ node: { id: metroMemberId, __typename: "Member", email: "chief@metro.example" } });
  });

  it("answers a lakeview principal asking for a metro member exactly as for a random ID", async () => {
    const foreign = await t.graphql(NODE, { variables: { id: metroMemberId }, token: lakeviewToken });
    const random = await t.graphql(NODE, {
      variables: { id: toGlobalId("Member", "6b0f4a52-4b52-4a0e-9a0a-2b8c1f6c9d11") },
      token: lakeviewToken,
    });
    expect(foreign.data).toEqual({ node: null });
    expect(foreign.errors).toBeUndefined();
    expect({ status: foreign.status, data: foreign.data, errors: foreign.errors }).toEqual({
      status: random.status,
      data: random.data,
      errors: random.errors,
    });
  });

  it("answers malformed and wrongly typed IDs like missing ones, never with an internal error", async () => {
    for (const id of ["not-an-id", toGlobalId("Member", "42"), toGlobalId("Nope", "6b0f4a52-4b52-4a0e-9a0a-2b8c1f6c9d11"), ""]) {
      const response = await t.graphql(NODE, { variables: { id }, token: lakeviewToken });
      expect(response.data, id).toEqual({ node: null });
      expect(response.errors, id).toBeUndefined();
    }
  });

  it("shows the public nothing behind a member's global ID", async () => {
    const response = await t.graphql(NODE, { variables: { id: metroMemberId } });
    expect(response.data).toEqual({ node: null });
  });
});
