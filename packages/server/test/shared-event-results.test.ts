import type { Principal } from "@roundtable/core";
import type { ExecutionResult } from "graphql";
import { describe, expect, it } from "vitest";
import { createSharedEventResults } from "../src/subscriptions/shared-event-results.ts";

const member = (memberId: string): Principal => ({
  kind: "member",
  agencyId: "agency-1",
  agencySlug: "metro",
  memberId,
  email: `${memberId}@metro.example`,
  roles: ["MEMBER"],
  via: "jwt",
});

describe("live event results shared within a group of subscribers", () => {
  it("executes an event once for a group whose result names nobody", async () => {
    const shared = createSharedEventResults();
    const event = { type: "stakeholder.create" };
    let executions = 0;
    const execute = async (principal: Principal): Promise<ExecutionResult> => {
      executions += 1;
      return { data: { roles: principal.kind === "member" ? principal.roles : [] } };
    };
    const results = await Promise.all(["a", "b", "c"].map((id) => shared.resultFor(event, "metro|MEMBER", member(id), execute)));
    expect(executions).toBe(1);
    expect(results).toEqual([{ data: { roles: ["MEMBER"] } }, { data: { roles: ["MEMBER"] } }, { data: { roles: ["MEMBER"] } }]);

    // Another group, or another event, executes again.
    await shared.resultFor(event, "metro|CHIEF", member("d"), execute);
    await shared.resultFor({ type: "stakeholder.create" }, "metro|MEMBER", member("a"), execute);
    expect(executions).toBe(3);
  });

  it("executes the event for each subscriber when the result depended on who the viewer is", async () => {
    const shared = createSharedEventResults();
    const event = { type: "activity-check-in.create" };
    let executions = 0;
    const execute = async (principal: Principal): Promise<ExecutionResult> => {
      executions += 1;
      return { data: { me: principal.kind === "member" ? principal.memberId : null } };
    };
    const results = await Promise.all(["a", "b", "c"].map((id) => shared.resultFor(event, "metro|MEMBER", member(id), execute)));
    expect(results).toEqual([{ data: { me: "a" } }, { data: { me: "b" } }, { data: { me: "c" } }]);
    expect(executions).toBe(3);
  });

  it("hands nobody a result older than freshForMs", async () => {
    const shared = createSharedEventResults({ freshForMs: 20 });
    const event = { type: "stakeholder.create" };
    let executions = 0;
    const execute = async (): Promise<ExecutionResult> => ({ data: { execution: ++executions } });
    expect(await shared.resultFor(event, "group", member("a"), execute)).toEqual({ data: { execution: 1 } });
    expect(await shared.resultFor(event, "group", member("b"), execute)).toEqual({ data: { execution: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await shared.resultFor(event, "group", member("c"), execute)).toEqual({ data: { execution: 2 } });
  });

  it("lets the other subscribers execute for themselves when the first execution fails", async () => {
    const shared = createSharedEventResults();
    const event = { type: "stakeholder.create" };
    let executions = 0;
    const execute = async (principal: Principal): Promise<ExecutionResult> => {
      executions += 1;
      if (executions === 1) throw new Error("the database went away");
      return { data: { me: principal.kind === "member" ? principal.roles : null } };
    };
    await expect(shared.resultFor(event, "group", member("a"), execute)).rejects.toThrow("the database went away");
    expect(await shared.resultFor(event, "group", member("b"), execute)).toEqual({ data: { me: ["MEMBER"] } });
  });
});
