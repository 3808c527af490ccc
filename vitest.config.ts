import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// graphql 16 ships CJS (index.js) and ESM (index.mjs). Node loads index.js for every
// dependency, while Vite would hand our sources index.mjs: two copies, and graphql refuses
// to mix them. Point Vite at the copy Node uses.
const graphqlEntry = createRequire(new URL("./packages/core/package.json", import.meta.url)).resolve("graphql");

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "plugins/*/test/**/*.test.ts",
      "plugins/*/src/**/*.test.ts",
      "examples/*/test/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry WASM; two workers match these 2-core machines.
    maxWorkers: 2,
  },
});
