import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { graphql, type Subscriber, subscribeOverSse, subscribeOverWebSocket, until } from "./support/clients.ts";
import { type HostedStack, missingPrograms, startHostedStack } from "./support/hosted-stack.ts";

const missing = missingPrograms();
// CI installs these packages (.ci/run) and must run this suite; locally it says what is missing.
const skip = missing.length > 0 && !process.env.CI;
if (skip)
  console.warn(`examples/multi-agency-hosted: skipped, missing ${missing.join(", ")} (apt-get install ${missing.join(" ")})`);

const VIEWER = "{ viewer { roles agency { slug } member { email } } }";
const CREATE_STAKEHOLDER = `mutation ($name: String!) {
  createStakeholder(input: { name: $name, kind: BUSINESS }) { stakeholder { id name } }
}`;
const STAKEHOLDER_NAMES = `query ($search: String!) {
  stakeholders(first: 50, filter: { search: $search }) { edges { node { name } } }
}`;
const AGENCY_EVENTS = "subscription { agencyEvents { type entityId actor { email } } }";

type Viewer = { viewer: { roles: string[]; agency: { slug: string }; member: { email: string } } };
type Created = { createStakeholder: { stakeholder: { id: string; name: string } } };
type AgencyEvent = { agencyEvents: { type: string; entityId: string | null; actor: { email: string } | null } };

describe.skipIf(skip)("the hosted example: PostgreSQL, Redis and two server processes behind nginx", () => {
  let stack: HostedStack;
  const subscribers: Subscriber<unknown>[] = [];
  let created = 0;

  /** Creates a stakeholder as the agency's coordinator through nginx; says which process did it. */
  const createStakeholder = async (agency: string) => {
    const result = await graphql<Created>(stack.url, CREATE_STAKEHOLDER, {
      token: await stack.token(agency, "COORDINATOR"),
      variables: { name: `Hosted ${agency} business ${++created}` },
    });
    expect(result.errors).toBeUndefined();
    return { id: result.data!.createStakeholder.stakeholder.id, upstream: result.upstream };
  };
  const entityIds = (subscriber: Subscriber<AgencyEvent>) => subscriber.received.map((event) => event.agencyEvents.entityId);

  beforeAll(async () => {
    stack = await startHostedStack();
  });

  afterAll(async () => {
    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
    await stack?.stop();
  });

  it("answers health and readiness checks through nginx", async () => {
    const base = stack.url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("migrated as the owner and serves as the application role, which sees no tenant rows on its own", async () => {
    // Both processes answer a request, so each holds a pooled connection for a while (pg
    // closes idle ones after 10 s).
    const token = await stack.token("metro", "CHIEF");
    const answered = new Set<string>();
    for (let attempt = 0; attempt < 10 && answered.size < 2; attempt += 1) {
      answered.add((await graphql<Viewer>(stack.url, VIEWER, { token })).upstream);
    }
    const owner = new pg.Client({ connectionString: stack.env.OWNER_DATABASE_URL });
    await owner.connect();
    try {
      // Every other session on the database is a server's (this test has not yet opened
      // its own as the application role). Other roles' sessions show only user and database.
      const serverLogins = await owner.query(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      expect(serverLogins.rows).toEqual([{ usename: "roundtable_api" }]);
      const tables = await owner.query(
        `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('Member', '_prisma_migrations')`,
      );
      expect(tables.rows).toEqual([{ tableowner: "roundtable_owner" }]);
      const roles = await owner.query(
        `SELECT rolname, rolsuper, rolbypassrls, rolcanlogin FROM pg_roles
          WHERE rolname IN ('roundtable_app', 'roundtable_api') ORDER BY rolname`,
      );
      expect(roles.rows).toEqual([
        { rolname: "roundtable_api", rolsuper: false, rolbypassrls: false, rolcanlogin: true },
        { rolname: "roundtable_app", rolsuper: false, rolbypassrls: false, rolcanlogin: false },
      ]);
    } finally {
      await owner.end();
    }

    // Without an agency set in its transaction the application role reads no tenant rows.
    const app = new pg.Client({ connectionString: stack.env.APP_DATABASE_URL });
    await app.connect();
    try {
      expect((await app.query(`SELECT count(*)::int AS n FROM "Agency"`)).rows).toEqual([{ n: 2 }]);
      expect((await app.query(`SELECT count(*)::int AS n FROM "Member"`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await app.end();
    }
  });

  it("serves each agency its own data over HTTP, from both server processes", async () => {
    const upstreams = new Set<string>();
    for (const agency of ["metro", "lakeview"]) {
      const token = await stack.token(agency, "CHIEF");
      // least_conn hands idle processes requests in turn; ask until both have answered.
      for (let attempt = 0; attempt < 10 && upstreams.size < 2; attempt += 1) {
        const viewer = await graphql<Viewer>(stack.url, VIEWER, { token });
        expect(viewer.data?.viewer).toEqual({
          roles: ["CHIEF"],
          agency: { slug: agency },
          member: { email: `chief@${agency}.example` },
        });
        upstreams.add(viewer.upstream);
      }
    }
    expect([...upstreams].sort()).toEqual([...stack.upstreams].sort());

    const metro = await createStakeholder("metro");
    const lakeview = await createStakeholder("lakeview");
    upstreams.add(metro.upstream).add(lakeview.upstream);
    const namesSeenBy = async (agency: string) => {
      const result = await graphql<{ stakeholders: { edges: { node: { name: string } }[] } }>(stack.url, STAKEHOLDER_NAMES, {
        token: await stack.token(agency, "CHIEF"),
        variables: { search: "Hosted" },
      });
      return result.data!.stakeholders.edges.map((edge) => edge.node.name);
    };
    expect(await namesSeenBy("metro")).toEqual(["Hosted metro business 1"]);
    expect(await namesSeenBy("lakeview")).toEqual(["Hosted lakeview business 2"]);
  });

  it("delivers lakeview's event made on one process to its WebSocket subscriber on the other, and nothing of metro's", async () => {
    const lakeview = subscribeOverWebSocket<AgencyEvent>(stack.wsUrl, await stack.token("lakeview", "CHIEF"), AGENCY_EVENTS);
    const metro = subscribeOverWebSocket<AgencyEvent>(stack.wsUrl, await stack.token("metro", "CHIEF"), AGENCY_EVENTS);
    subscribers.push(lakeview, metro);
    await until(() => lakeview.upstream() !== "" && metro.upstream() !== "", 10_000, "both handshakes");
    const otherProcess = stack.upstreams.find((upstream) => upstream !== lakeview.upstream());

    // The subscription takes effect a moment after the socket opens: mutate until an event
    // made on the *other* process has reached the subscriber (through Redis).
    const lakeviewIds: string[] = [];
    const madeElsewhere: string[] = [];
    const crossed = () => madeElsewhere.find((id) => entityIds(lakeview).includes(id));
    await until(
      async () => {
        const made = await createStakeholder("lakeview");
        lakeviewIds.push(made.id);
        if (made.upstream === otherProcess) madeElsewhere.push(made.id);
        return crossed() !== undefined;
      },
      20_000,
      "lakeview's event from the other process",
    );
    expect(lakeview.received.find((event) => event.agencyEvents.entityId === crossed())?.agencyEvents).toEqual({
      type: "stakeholder.create",
      entityId: crossed(),
      actor: { email: "coordinator@lakeview.example" },
    });

    // Metro's events flow (its own subscriber gets them, whichever process made them) ...
    const metroIds = [(await createStakeholder("metro")).id, (await createStakeholder("metro")).id];
    await until(() => metroIds.every((id) => entityIds(metro).includes(id)), 10_000, "metro's events");
    // ... and never reach lakeview's: once a later lakeview event has arrived, none of them has.
    const marker = await createStakeholder("lakeview");
    await until(() => entityIds(lakeview).includes(marker.id), 10_000, "lakeview's marker event");
    expect(entityIds(lakeview).filter((id) => metroIds.includes(id!))).toEqual([]);
    expect(entityIds(metro).filter((id) => [...lakeviewIds, marker.id].includes(id!))).toEqual([]);
    expect([...lakeview.errors, ...metro.errors]).toEqual([]);
  });

  it("streams subscriptions over SSE through nginx as they happen", async () => {
    const sse = subscribeOverSse<AgencyEvent>(stack.url, await stack.token("metro", "CHIEF"), AGENCY_EVENTS);
    subscribers.push(sse);
    const ids: string[] = [];
    await until(
      async () => {
        ids.push((await createStakeholder("metro")).id);
        return ids.some((id) => entityIds(sse).includes(id));
      },
      20_000,
      "an SSE event through nginx",
    );
    expect(sse.upstream()).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(sse.errors).toEqual([]);
  });

  it("lets a page served from the load balancer's address open a socket, and refuses a foreign page", async () => {
    const handshake = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(stack.wsUrl, "graphql-transport-ws", { origin });
        socket.once("open", () => {
          socket.close();
          resolve(101);
        });
        socket.once("unexpected-response", (_request, response) => {
          socket.terminate();
          resolve(response.statusCode ?? 0);
        });
        socket.once("error", reject);
      });
    expect(await handshake(new URL(stack.url).origin)).toBe(101);
    expect(await handshake("https://elsewhere.example")).toBe(403);
  });

  it("closes sockets with 1001 when a process stops, and the subscriber carries on through the other", async () => {
    const lakeview = subscribeOverWebSocket<AgencyEvent>(stack.wsUrl, await stack.token("lakeview", "CHIEF"), AGENCY_EVENTS);
    subscribers.push(lakeview);
    await until(() => lakeview.upstream() !== "", 10_000, "the handshake");
    const stopped = lakeview.upstream();
    stack.terminateServer(stopped);

    await until(() => lakeview.closes.includes(1001) && lakeview.upstream() !== stopped, 20_000, "a reconnect elsewhere");
    const ids: string[] = [];
    await until(
      async () => {
        ids.push((await createStakeholder("lakeview")).id);
        return ids.some((id) => entityIds(lakeview).includes(id));
      },
      20_000,
      "an event after the reconnect",
    );
    expect(lakeview.closes[0]).toBe(1001);
  });
});
