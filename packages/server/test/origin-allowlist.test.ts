import type { IncomingMessage } from "node:http";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { until } from "./support/live-clients.ts";

const DASHBOARD = "https://dashboard.example.org";
const ATTACKER = "https://evil.example";
const CREATE = `mutation ($name: String!) { createStakeholder(input: { name: $name, kind: SCHOOL }) { stakeholder { id } } }`;
const COUNT = "{ stakeholders(first: 1) { totalCount } }";

/** Opens a raw WebSocket the way a browser page on `origin` would; resolves "open" or the refusal's status. */
function upgrade(wsUrl: string, origin?: string): Promise<"open" | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, "graphql-transport-ws", origin ? { origin } : {});
    socket.once("open", () => {
      socket.close();
      resolve("open");
    });
    socket.once("unexpected-response", (request, response: IncomingMessage) => {
      request.destroy();
      resolve(response.statusCode ?? 0);
    });
    socket.once("error", reject);
  });
}

describe("origin allowlist (ALLOWED_ORIGINS) over a real socket", () => {
  let t: TestApp;
  let coordinator: string;
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${coordinator}`, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await createTestApp({ listen: true, security: { allowedOrigins: [DASHBOARD] } });
    coordinator = await t.tokenFor("metro", "COORDINATOR");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a WebSocket upgrade from a page on another site with 403, before any GraphQL", async () => {
    expect(await upgrade(t.wsUrl!, ATTACKER)).toBe(403);
    expect(await upgrade(t.wsUrl!, "null")).toBe(403);
    expect(t.subscriptions!.openSockets()).toBe(0);
  });

  it("accepts upgrades from a listed origin, from the API's own host and without Origin (non-browser clients)", async () => {
    expect(await upgrade(t.wsUrl!, DASHBOARD)).toBe("open");
    expect(await upgrade(t.wsUrl!, t.url)).toBe("open");
    expect(await upgrade(t.wsUrl!)).toBe("open");
  });

  it("delivers live events to a graphql-ws client on a listed origin", async () => {
    class FromDashboard extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { origin: DASHBOARD });
      }
    }
    const client = createClient({
      url: t.wsUrl!,
      webSocketImpl: FromDashboard,
      connectionParams: { authorization: `Bearer ${await t.tokenFor("metro", "CHIEF")}` },
      retryAttempts: 0,
    });
    const types: string[] = [];
    const stop = client.subscribe<{ agencyEvents: { type: string } }>(
      { query: "subscription { agencyEvents { type } }" },
      { next: (result) => result.data && types.push(result.data.agencyEvents.type), error: () => undefined, complete: () => {} },
    );
    try {
      let created = 0;
      await until(
        async () => {
          await t.graphql(CREATE, { token: coordinator, variables: { name: `Origin school ${++created}` } });
          return types.length > 0;
        },
        10_000,
        "an event over the allowed socket",
      );
      expect(types[0]).toBe("stakeholder.create");
    } finally {
      stop();
      await client.dispose();
    }
  });

  it("refuses a browser request to /graphql from another site with 403, and runs nothing", async () => {
    const count = async () => (await t.graphql<{ stakeholders: { totalCount: number } }>(COUNT, { token: coordinator })).data!;
    const before = (await count()).stakeholders.totalCount;

    const refused = await post({ query: CREATE, variables: { name: "Planted by evil.example" } }, { origin: ATTACKER });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("FORBIDDEN");
    expect(body.errors[0]?.message).toContain("ALLOWED_ORIGINS");

    const sse = await post(
      { query: "subscription { agencyEvents { type } }" },
      { origin: ATTACKER, accept: "text/event-stream" },
    );
    expect(sse.status).toBe(403);
    await sse.body?.cancel();

    expect((await count()).stakeholders.totalCount).toBe(before);
  });

  it("answers a listed origin with CORS headers for a bearer token, and no credentials", async () => {
    const preflight = await fetch(`${t.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: DASHBOARD,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();

    const answered = await post({ query: "{ viewer { agency { slug } } }" }, { origin: DASHBOARD });
    expect(answered.status).toBe(200);
    expect(answered.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    expect(await answered.json()).toEqual({ data: { viewer: { agency: { slug: "metro" } } } });

    const foreignPreflight = await fetch(`${t.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin: ATTACKER, "access-control-request-method": "POST" },
    });
    expect(foreignPreflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("still serves the API's own pages and programs that send no Origin", async () => {
    const sameOrigin = await post({ query: "{ viewer { agency { slug } } }" }, { origin: t.url! });
    expect(sameOrigin.status).toBe(200);
    const program = await post({ query: "{ viewer { agency { slug } } }" }, {});
    expect(program.status).toBe(200);
    expect(await program.json()).toEqual({ data: { viewer: { agency: { slug: "metro" } } } });
  });

  it("leaves public open data readable from any site", async () => {
    const response = await fetch(`${t.url}/open-data/metro/upcoming-meetings.json`, { headers: { origin: ATTACKER } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    await response.body?.cancel();
  });
});
