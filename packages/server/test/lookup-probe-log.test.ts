import { Writable } from "node:stream";
import { createTestApp, TEST_SECRET, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../src/index.ts";
import { LookupMissMonitor } from "../src/security/lookup-miss-monitor.ts";

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");
const NODE = "query ($id: ID!) { node(id: $id) { id ... on Stakeholder { name } } }";
const PRIORITIES = "query ($unitId: ID!) { priorities(unitId: $unitId, first: 5) { edges { node { id } } } }";
const CREATE_PRIORITY = `mutation ($input: CreatePriorityInput!) { createPriority(input: $input) { priority { id } } }`;

interface LogLine {
  event?: string;
  agencyId?: string;
  memberId?: string;
  field?: string;
  ids?: string[];
  misses?: number;
}

/** A sink that keeps every log line, parsed. */
function capturedLog() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const parsed = () => lines.map((line) => JSON.parse(line) as LogLine);
  return { sink, lines, events: (event: string) => parsed().filter((line) => line.event === event) };
}

describe("lookups of other agencies' IDs (AU-03), on PostgreSQL", () => {
  let t: TestApp;
  let log: ReturnType<typeof capturedLog>;
  let app: ReturnType<typeof createApp>;
  let metroChief: string;
  let metroAgencyId: string;
  let lakeviewStakeholders: { id: string; name: string }[];
  let lakeviewAgency: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ database: "postgres" });
    log = capturedLog();
    app = createApp({
      database: t.database,
      verification: { kind: "secret", secret: new TextEncoder().encode(TEST_SECRET) },
      log: createLogger("info", log.sink),
      security: { lookupProbe: { threshold: 20, windowMs: 60_000 } },
    });
    metroChief = await t.tokenFor("metro", "CHIEF");
    const metro = await t.agencyDb("metro");
    metroAgencyId = (await metro.agency.findFirstOrThrow({ select: { id: true } })).id;
    const lakeview = await t.agencyDb("lakeview");
    lakeviewAgency = await lakeview.agency.findFirstOrThrow({ select: { id: true, name: true } });
    lakeviewStakeholders = await lakeview.stakeholder.findMany({ select: { id: true, name: true }, take: 5 });
    expect(lakeviewStakeholders.length).toBeGreaterThan(0);
  });
  afterAll(() => t.close());

  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await app.fetch("http://roundtable.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${metroChief}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
  };

  it("logs each lookup that found nothing with the IDs asked for, and alerts once past the threshold", async () => {
    const asked = lakeviewStakeholders.map((stakeholder) => globalId("Stakeholder", stakeholder.id));
    for (const id of asked) expect((await ask(NODE, { id })).data).toEqual({ node: null });
    const lakeviewUnit = await t.unitId("lakeview");
    const refused = await ask(PRIORITIES, { unitId: lakeviewUnit });
    expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const refusedWrite = await ask(CREATE_PRIORITY, { input: { unitId: lakeviewUnit, title: "Probe" } });
    expect(refusedWrite.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const misses = log.events("lookup.not_found");
    expect(misses.map((line) => line.field)).toEqual([
      ...asked.map(() => "Query.node"),
      "Query.priorities",
      "Mutation.createPriority",
    ]);
    expect(misses.map((line) => line.ids)).toEqual([...asked.map((id) => [id]), [lakeviewUnit], [lakeviewUnit]]);
    for (const line of misses) expect(line.agencyId).toBe(metroAgencyId);
    // Not yet 20 misses: no alert.
    expect(log.events("lookup.probe_suspected")).toEqual([]);

    // Keep probing: the alert fires once when the count reaches the threshold, then not again in the window.
    for (let index = 0; index < 20; index += 1) await ask(NODE, { id: asked[index % asked.length] });
    const alerts = log.events("lookup.probe_suspected");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ agencyId: metroAgencyId, misses: 20, memberId: misses[0]?.memberId });

    // What the lines reveal is the caller's own input: nothing of the other agency's records.
    const text = log.lines.join("\n");
    expect(text).not.toContain(lakeviewAgency.id);
    expect(text).not.toContain(lakeviewAgency.name);
    for (const stakeholder of lakeviewStakeholders) expect(text).not.toContain(stakeholder.name);
  });

  it("logs nothing for lookups that find what they ask for", async () => {
    const before = log.events("lookup.not_found").length;
    const metro = await t.agencyDb("metro");
    const own = await metro.stakeholder.findFirstOrThrow({ select: { id: true } });
    const found = await ask(NODE, { id: globalId("Stakeholder", own.id) });
    expect(found.data?.node).toMatchObject({ id: globalId("Stakeholder", own.id) });
    expect((await ask(PRIORITIES, { unitId: await t.unitId("metro") })).errors).toBeUndefined();
    expect(log.events("lookup.not_found")).toHaveLength(before);
  });
});

describe("the lookup miss monitor", () => {
  const member = {
    kind: "member" as const,
    agencyId: "agency-1",
    agencySlug: "a",
    memberId: "member-1",
    email: "",
    roles: ["MEMBER" as const],
    via: "jwt" as const,
  };

  it("counts each member's misses within a window, and alerts again in a later one", () => {
    const log = capturedLog();
    let now = 0;
    const monitor = new LookupMissMonitor(createLogger("info", log.sink), { threshold: 3, windowMs: 1000 }, () => now);
    const miss = (memberId: string, ids: string[]) =>
      monitor.record({ requestId: "r", principal: { ...member, memberId }, field: "Query.node", ids });

    miss("member-1", ["a", "b"]);
    miss("member-2", ["a", "b"]);
    expect(log.events("lookup.probe_suspected")).toHaveLength(0);
    miss("member-1", ["c"]);
    miss("member-1", ["d"]);
    expect(log.events("lookup.probe_suspected").map((line) => line.memberId)).toEqual(["member-1"]);

    now = 1000;
    miss("member-1", ["e", "f"]);
    expect(log.events("lookup.probe_suspected")).toHaveLength(1);
    miss("member-1", ["g"]);
    expect(log.events("lookup.probe_suspected")).toHaveLength(2);
    expect(log.events("lookup.not_found")).toHaveLength(6);
  });
});
