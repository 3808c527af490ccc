import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type InlineConfig, preview } from "vite";
import { dashboardViteConfig } from "../../src/dashboard-vite-config.ts";

export interface ServedDashboard {
  /** `http://127.0.0.1:<port>`: the page, with `/graphql` forwarded to the API. */
  url: string;
  close(): Promise<void>;
}

/**
 * Builds the page as `vite build` does and serves it as `vite preview` does, on a free
 * loopback port, forwarding `/graphql` to `apiUrl`. The build goes to a temporary folder, so
 * a test run leaves no `dist/` behind.
 */
export async function serveDashboard(apiUrl: string): Promise<ServedDashboard> {
  const outDir = mkdtempSync(join(tmpdir(), "roundtable-dashboard-"));
  const base = dashboardViteConfig(apiUrl);
  const config: InlineConfig = { ...base, configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true } };
  await build(config);
  const server = await preview({ ...config, preview: { ...base.preview, host: "127.0.0.1", port: 0, open: false } });
  const { port } = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
