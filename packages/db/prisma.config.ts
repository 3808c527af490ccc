import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

/**
 * Prisma CLI configuration. Rust-free: the CLI plans on its WASM engines and talks to the
 * database through a driver adapter (TOOLCHAIN.md). Migrations are authored against a
 * throwaway in-memory PGlite; they are applied at runtime by our own runner
 * (src/migrations), to PGlite and PostgreSQL alike.
 */
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaPGlite(new PGlite());
  },
});
