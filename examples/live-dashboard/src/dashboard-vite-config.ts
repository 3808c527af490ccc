import { fileURLToPath } from "node:url";
import type { UserConfig } from "vite";

/** Where `pnpm start` serves the API. */
export const DEFAULT_API_URL = "http://127.0.0.1:4000";

/**
 * The dashboard's Vite configuration, for `vite`, `vite preview` and the end-to-end test.
 *
 * Vite serves the page and forwards `/graphql` (HTTP and WebSocket) to the API, so the
 * browser sees one origin: no CORS, and no `ALLOWED_ORIGINS` entry needed. The proxy keeps
 * the browser's Host header (no `changeOrigin`), which is how the API recognises the page's
 * `Origin` as its own.
 *
 * @example
 * import { createServer } from "vite";
 * const server = await createServer({ ...dashboardViteConfig("http://127.0.0.1:4000"), configFile: false });
 */
export function dashboardViteConfig(apiUrl: string = DEFAULT_API_URL): UserConfig {
  if (!/^https?:\/\//.test(apiUrl) || !URL.canParse(apiUrl)) {
    throw new Error(
      `ROUNDTABLE_API_URL: must be the API's http(s) URL, such as ${DEFAULT_API_URL} (got ${JSON.stringify(apiUrl)})`,
    );
  }
  const proxy = { "/graphql": { target: apiUrl, ws: true } };
  return {
    root: fileURLToPath(new URL("..", import.meta.url)),
    server: { proxy },
    preview: { proxy },
  };
}
