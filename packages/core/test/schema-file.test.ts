import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { printSchemaFile, SCHEMA_FILE } from "../src/schema/print-schema.ts";

it("keeps schema.graphql in step with the code (else run: pnpm schema:print)", () => {
  expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(printSchemaFile());
});
