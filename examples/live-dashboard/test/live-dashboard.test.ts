import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import patrolCpp from "@roundtable/profile-patrol-cpp";
import { createTestApp, type TestApp } from "@roundtable/testing";
import type { Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, chromiumInstalled, launchChromium } from "./support/headless-chromium.ts";
import { type ServedDashboard, serveDashboard } from "./support/serve-dashboard.ts";

const SCREENSHOT = fileURLToPath(new URL("../test-output/live-dashboard.png", import.meta.url));
const CREATE_STAKEHOLDER = `mutation ($name: String!) {
  createStakeholder(input: { name: $name, kind: YOUTH_GROUP }) { stakeholder { id } }
}`;
const EVALUATE = `mutation { evaluateCompliance { compliance { openCount findings { message } } } }`;

// Without Chromium a developer's run skips this file and says why; CI must have it (.ci/run).
const skip = !chromiumInstalled() && !process.env.CI;
if (skip) console.warn(`live dashboard test skipped: ${CHROMIUM_PATH} is missing (apt-get install chromium)`);

describe.skipIf(skip)("live dashboard in headless Chromium", () => {
  let t: TestApp;
  let dashboard: ServedDashboard;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let chief: string;
  let coordinator: string;

  /** A mutation or query through the API's real HTTP port, as another client would make it. */
  async function api<Data>(query: string, token: string, variables?: Record<string, unknown>): Promise<Data> {
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Data; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  const createStakeholder = (name: string) =>
    api<{ createStakeholder: { stakeholder: { id: string } } }>(CREATE_STAKEHOLDER, coordinator, { name });
  const connectionState = (on: Page) => on.locator("#connection").getAttribute("data-state");
  const waitForState = (on: Page, state: string) =>
    on.waitForFunction((wanted) => document.querySelector<HTMLElement>("#connection")?.dataset.state === wanted, state, {
      timeout: 15_000,
    });

  async function signIn(on: Page, token: string): Promise<void> {
    await on.goto(dashboard.url);
    await on.getByLabel("Bearer token").fill(token);
    await on.getByRole("button", { name: "Sign in" }).click();
    await waitForState(on, "live");
  }

  /**
   * graphql-ws acknowledges a connection, not each subscription: the first event proves the
   * page's subscription is registered on the server. Retried the way subscriptions.test.ts does.
   */
  async function waitUntilEventsArrive(on: Page, label: string): Promise<void> {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const name = `${label} ${attempt}`;
      await createStakeholder(name);
      const record = on.locator("#events li .record", { hasText: name });
      const shown = await record.waitFor({ timeout: 1000 }).then(
        () => true,
        () => false,
      );
      if (shown) return;
    }
    throw new Error(`no stakeholder event reached the page (${label})`);
  }

  beforeAll(async () => {
    if (!chromiumInstalled()) {
      throw new Error(`CI needs Debian's chromium at ${CHROMIUM_PATH}: .ci/run must apt-get install chromium`);
    }
    t = await createTestApp({ listen: true, profiles: [patrolCpp] });
    chief = await t.tokenFor("metro", "CHIEF");
    coordinator = await t.tokenFor("metro", "COORDINATOR");
    dashboard = await serveDashboard(t.url!);
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await t?.close();
  });

  it("signs in with a token, lists the open findings and refreshes them live when an evaluation raises some", async () => {
    await page.goto(dashboard.url);
    expect(await page.locator("#connection").textContent()).toBe("Signed out");
    expect(await page.locator("#dashboard").isVisible()).toBe(false);
    await signIn(page, chief);
    expect(await page.locator("#viewer").textContent()).toBe("Metro County Sheriff's Department: Casey Chief (CHIEF)");
    expect(await page.getByLabel("Bearer token").isVisible()).toBe(false);
    // The demo data has not been evaluated yet: nothing is open.
    await page.locator("#findings-note", { hasText: "No open findings." }).waitFor();
    expect(await page.locator("#findings-count").textContent()).toBe("(0)");

    const { evaluateCompliance } = await api<{
      evaluateCompliance: { compliance: { openCount: number; findings: { message: string }[] } };
    }>(EVALUATE, chief);
    const { openCount, findings } = evaluateCompliance.compliance;
    expect(openCount).toBeGreaterThan(0);

    await page.waitForFunction((count) => document.querySelectorAll("#findings li").length === count, openCount, {
      timeout: 10_000,
    });
    expect(await page.locator("#findings-count").textContent()).toBe(`(${openCount})`);
    expect(await page.locator("#findings li .message").allTextContents()).toEqual(findings.map((finding) => finding.message));
    expect(await page.locator("#findings li .severity").first().textContent()).toBe("Violation");
    // The raised findings also arrived as events.
    await page.locator('#events li[data-type="finding.raise"]').first().waitFor({ timeout: 10_000 });
  });

  it("shows a stakeholder created through the API within 2 s of the API's answer", async () => {
    await waitUntilEventsArrive(page, "Warm-up stakeholder");

    const { createStakeholder: created } = await createStakeholder("Harbor Youth League");
    const answeredAt = performance.now();
    const item = page.locator(`#events li[data-entity-id="${created.stakeholder.id}"]`);
    await item.locator(".record", { hasText: "Harbor Youth League" }).waitFor({ timeout: 10_000 });
    const elapsedMs = performance.now() - answeredAt;
    console.info(`live dashboard: the stakeholder appeared ${elapsedMs.toFixed(0)} ms after the API answered`);

    expect(elapsedMs).toBeLessThan(2000);
    expect(await item.locator(".what").textContent()).toBe("Stakeholder created");
    expect(await item.locator(".who").textContent()).toMatch(/^by /);
    // Newest first.
    expect(await page.locator("#events li").first().getAttribute("data-entity-id")).toBe(created.stakeholder.id);

    mkdirSync(fileURLToPath(new URL("../test-output/", import.meta.url)), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it("keeps the token for this tab only: a reload stays signed in, signing out forgets it", async () => {
    await page.reload();
    await waitForState(page, "live");
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([chief]);
    expect(await page.evaluate(() => Object.values(localStorage))).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    expect(await connectionState(page)).toBe("signed-out");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.getByLabel("Bearer token").isVisible()).toBe(true);
  });

  it("says so and reconnects when the connection drops, then shows events again", async () => {
    const tab = await browser.context.newPage();
    const sockets: WebSocketRoute[] = [];
    // Route the page's WebSocket through the browser driver to the real API, so the test can
    // drop it the way a restarting server does (1001 Going Away).
    await tab.routeWebSocket(/\/graphql$/, (socket) => {
      socket.connectToServer();
      sockets.push(socket);
    });
    try {
      await signIn(tab, chief);
      await waitUntilEventsArrive(tab, "Before the drop");

      await sockets[0]!.close({ code: 1001, reason: "Going away" });
      await waitForState(tab, "reconnecting");
      expect(await tab.locator("#connection").textContent()).toMatch(/^Connection lost: reconnecting/);
      await waitForState(tab, "live");
      expect(sockets.length).toBeGreaterThanOrEqual(2);
      await waitUntilEventsArrive(tab, "After the drop");
    } finally {
      await tab.close();
    }
  });

  it("sends a refused token back to the sign-in form with the reason", async () => {
    const tab = await browser.context.newPage();
    try {
      await tab.goto(dashboard.url);
      await tab.getByLabel("Bearer token").fill("not-a-token");
      await tab.getByRole("button", { name: "Sign in" }).click();
      await tab.getByRole("alert").filter({ hasText: "refused this token" }).waitFor({ timeout: 10_000 });
      expect(await connectionState(tab)).toBe("signed-out");
      expect(await tab.locator("#dashboard").isVisible()).toBe(false);
    } finally {
      await tab.close();
    }
  });
});
