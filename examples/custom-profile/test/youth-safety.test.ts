import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import youthSafety from "../src/index.ts";

describe("a profile written by an agency's IT (youth-safety)", () => {
  let t: TestApp;
  let chief: string;
  beforeAll(async () => {
    t = await createTestApp({ profiles: [youthSafety] });
    chief = await t.tokenFor("lakeview", "CHIEF");
    const agency = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "lakeview" } });
    const member = await t.database.prisma.member.findFirstOrThrow({ where: { agencyId: agency.id } });
    const session = await t.database.prisma.activity.create({
      data: {
        agencyId: agency.id,
        kind: "YOUTH_PROGRAM_SESSION",
        title: "Junior cadets, week 1",
        startsAt: new Date("2026-04-04T15:00:00Z"),
      },
    });
    await t.database.prisma.activityParticipant.create({
      data: { agencyId: agency.id, activityId: session.id, memberId: member.id },
    });
  });
  afterAll(() => t.close());

  it("does nothing until the agency enables it", async () => {
    await t.graphql("mutation { evaluateCompliance { rulesEvaluated } }", { token: chief });
    const response = await t.graphql<{ compliance: { findings: unknown[] } }>("{ compliance { findings { ruleId } } }", {
      token: chief,
    });
    expect(response.data!.compliance.findings).toEqual([]);
  });

  it("keeps its extra field from an agency that has not enabled it", async () => {
    const response = await t.graphql("{ understaffedYouthSessions }", { token: chief });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("once enabled with the agency's minimum, flags an understaffed youth session", async () => {
    const enabled = await t.graphql(
      `mutation { configurePolicyProfile(input: { profileId: "youth-safety", enabled: true, settings: { minimumMembers: 2 } }) { enabled } }`,
      { token: chief },
    );
    expect(enabled.errors).toBeUndefined();
    await t.graphql("mutation { evaluateCompliance { rulesEvaluated } }", { token: chief });
    const response = await t.graphql<{ compliance: { findings: { ruleId: string; message: string }[] } }>(
      "{ compliance { findings { ruleId message } } }",
      { token: chief },
    );
    expect(response.data!.compliance.findings).toEqual([
      {
        ruleId: "youth-safety.sessions-staffed",
        message: `"Junior cadets, week 1" had 1 member(s) present; the agency requires 2.`,
      },
    ]);
  });

  it("answers its extra field once enabled", async () => {
    const response = await t.graphql<{ understaffedYouthSessions: number }>("{ understaffedYouthSessions }", { token: chief });
    expect(response.data).toEqual({ understaffedYouthSessions: 1 });
  });
});
