import { dashboardViteConfig } from "./src/dashboard-vite-config.ts";

// `ROUNDTABLE_API_URL=http://127.0.0.1:4000 pnpm dev`: where the API runs (default: `pnpm start`'s).
export default dashboardViteConfig(process.env.ROUNDTABLE_API_URL);
