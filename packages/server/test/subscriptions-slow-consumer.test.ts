import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { liveClient, until } from "./support/live-clients.ts";

/** Big enough per event that a client that stops reading fills the socket buffers quickly. */
const WIDE = `subscription { agencyEvents { ${Array.from({ length: 15 }, (_, i) => `f${i}: entityType`).join(" ")} } }`;

describe("slow consumers", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ listen: { slowConsumers: { stallMs: 300, terminateAfterMs: 300 } } });
  });
  afterAll(() => t.close());

  it("disconnects a client that stops reading, while the others keep receiving", async () => {
    const agency = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
    const token = await t.tokenFor("metro", "CHIEF");

    // A raw protocol client that will stop reading its socket.
    const stuck = new WebSocket(t.wsUrl!, "graphql-transport-ws");
    let stuckClosed: number | undefined;
    stuck.on("close", (code) => {
      stuckClosed = code;
    });
    await new Promise((resolve) => stuck.once("open", resolve));
    stuck.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
    await new Promise((resolve) => stuck.once("message", resolve));
    for (let id = 1; id <= 10; id += 1)
      stuck.send(JSON.stringify({ id: String(id), type: "subscribe", payload: { query: WIDE } }));

    const healthy = liveClient(t.wsUrl!, token);
    const received = healthy.subscribe<{ agencyEvents: { type: string } }>(`subscription { agencyEvents { type } }`);
    const publish = (count: number) =>
      t.bus.publish(
        Array.from({ length: count }, () => ({
          type: "stakeholder.update",
          agencyId: agency.id,
          entityType: "Stakeholder",
          entityId: null,
          at: new Date(),
        })),
      );
    await until(
      () => {
        publish(1);
        return received.data.length > 0;
      },
      10_000,
      "the subscriptions to start",
    );
    expect(t.subscriptions!.openSockets()).toBe(2);

    // biome-ignore lint/suspicious/noExplicitAny: reaching the raw TCP socket to stop reading it.
    (stuck as any)._socket.pause();
    let published = 0;
    await until(
      async () => {
        publish(100);
        published += 100;
        return t.subscriptions!.openSockets() === 1;
      },
      45_000,
      "the slow consumer to be dropped",
    );
    expect(published).toBeLessThan(20_000);

    // The healthy client is still connected and still receiving.
    const before = received.data.length;
    await until(
      () => {
        publish(1);
        return received.data.length > before;
      },
      10_000,
      "events after the drop",
    );
    expect(healthy.closes).toEqual([]);

    // biome-ignore lint/suspicious/noExplicitAny: see above.
    (stuck as any)._socket.resume();
    await until(() => stuckClosed !== undefined, 10_000, "the stuck client to see the close");
    // 1013 when the close frame got through; 1006 when the socket was destroyed first.
    expect([1013, 1006]).toContain(stuckClosed);
    healthy.close();
  });
});
