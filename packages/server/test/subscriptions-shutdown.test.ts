import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { secretFromString, signToken } from "@roundtable/core";
import { createLogger, loadConfig, startServer } from "@roundtable/server";
import { afterAll, describe, expect, it } from "vitest";
import { liveClient, until } from "./support/live-clients.ts";

const SECRET = "shutdown-test-secret-0123456789-abcdefghij";

describe("shutdown", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "roundtable-shutdown-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("closes open subscriptions with 1001 (Going Away) so clients reconnect", async () => {
    const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET, LOG_LEVEL: "silent" });
    const running = await startServer(config, createLogger("silent"), { profiles: [] });
    const token = await signToken({
      secret: secretFromString(SECRET),
      agency: "metro",
      email: "chief@metro.example",
      roles: ["CHIEF"],
      ttl: "1h",
    });
    const client = liveClient(`ws://127.0.0.1:${running.port}/graphql`, token);
    const viewer = client.subscribe<{ viewer: { agency: { slug: string } } }>(`{ viewer { agency { slug } } }`);
    await until(() => viewer.completed, 10_000, "a query over the socket");
    expect(viewer.data).toEqual([{ viewer: { agency: { slug: "metro" } } }]);
    client.subscribe(`subscription { agencyEvents { type } }`);

    await running.close();
    await until(() => client.closes.length > 0, 5000, "the close");
    expect(client.closes[0]).toBe(1001);
    client.close();
  });
});
