import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Brookfield, createBrookfield, globalId } from "../testing/brookfield.ts";

const RULE = "annual-engagement-report.coordinator-designated";
const DESIGNATE = `mutation ($input: DesignateCoordinatorInput!) { designateCoordinator(input: $input) { designation { startsOn } } }`;

describe("annual-engagement-report.coordinator-designated (CE-05)", () => {
  let town: Brookfield;
  beforeAll(async () => {
    town = await createBrookfield();
  });
  afterAll(() => town.close());

  it("flags an agency with no designated coordinator", async () => {
    expect(await town.findings(RULE)).toEqual([
      expect.objectContaining({
        severity: "VIOLATION",
        subjectType: "Agency",
        message:
          "No community engagement coordinator is designated; the Chief should designate an employee, sworn or civilian, to develop and document the strategies.",
      }),
    ]);
  });

  it("resolves once the Chief designates a civilian employee", async () => {
    const response = await town.t.graphql(DESIGNATE, {
      token: town.chiefToken,
      variables: { input: { memberId: globalId("Member", town.analyst), startsOn: "2025-01-01" } },
    });
    expect(response.errors).toBeUndefined();
    expect(await town.findings(RULE)).toEqual([]);
  });

  it("flags a designated coordinator who is no longer an active member, by name", async () => {
    await town.prisma.member.update({ where: { id: town.analyst }, data: { disabledAt: new Date() } });
    const [finding] = await town.findings(RULE);
    expect(finding?.message).toBe(
      "Ana Lyst, the designated community engagement coordinator, is no longer an active member; the Chief should designate another.",
    );
  });

  it("raises again when the designation ends and nobody follows", async () => {
    await town.prisma.member.update({ where: { id: town.analyst }, data: { disabledAt: null } });
    expect(await town.findings(RULE)).toEqual([]);
    const ended = await town.t.graphql(
      `mutation { endCoordinatorDesignation(input: { endsOn: "2025-06-30" }) { designation { endsOn } } }`,
      {
        token: town.chiefToken,
      },
    );
    expect(ended.data).toEqual({ endCoordinatorDesignation: { designation: { endsOn: "2025-06-30" } } });
    expect((await town.findings(RULE)).map((finding) => finding.severity)).toEqual(["VIOLATION"]);
  });
});
