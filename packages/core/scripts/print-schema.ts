/** Writes the schema SDL to `packages/core/schema.graphql`: `pnpm schema:print`. */
import { writeFileSync } from "node:fs";
import { printSchemaFile, SCHEMA_FILE } from "../src/schema/print-schema.ts";

writeFileSync(SCHEMA_FILE, printSchemaFile());
console.log(`Wrote ${SCHEMA_FILE}`);
