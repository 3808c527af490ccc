import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The compliance summary's open counts, in total and by severity, are read together (one
// grouped statement for every count in the request); each must still be its own number.

const COUNTS = `{ compliance {
  all: openCount
  info: openCount(severity: INFO)
  warnings: openCount(severity: WARNING)
  violations: openCount(severity: VIOLATION)
} }`;

type Severity = "INFO" | "WARNING" | "VIOLATION";

describe("open finding counts", () => {
  let t: TestApp;
  let chief: string;

  beforeAll(async () => {
    t = await createTestApp();
    chief = await t.tokenFor("metro", "CHIEF");
  });
  afterAll(() => t?.close());

  async function raise(slug: string, severity: Severity, resolved = false) {
    const db = await t.agencyDb(slug);
    await db.finding.create({
      data: {
        agencyId: "",
        profileId: "test",
        ruleId: "test.counted",
        key: `${severity}-${Math.random()}`,
        severity,
        subjectType: "Agency",
        message: `A ${severity.toLowerCase()} finding.`,
        resolvedAt: resolved ? new Date() : null,
      },
    });
  }

  const counts = async () => {
    const answer = await t.graphql<{ compliance: Record<string, number> }>(COUNTS, { token: chief });
    expect(answer.errors).toBeUndefined();
    return answer.data!.compliance;
  };

  it("counts open findings in all and by severity, leaving out resolved ones and other agencies'", async () => {
    expect(await counts()).toEqual({ all: 0, info: 0, warnings: 0, violations: 0 });
    for (const severity of ["INFO", "WARNING", "WARNING", "VIOLATION", "VIOLATION", "VIOLATION"] as const) {
      await raise("metro", severity);
    }
    await raise("metro", "VIOLATION", true);
    await raise("lakeview", "WARNING");
    expect(await counts()).toEqual({ all: 6, info: 1, warnings: 2, violations: 3 });
    await raise("metro", "INFO");
    expect(await counts()).toEqual({ all: 7, info: 2, warnings: 2, violations: 3 });
  });
});
