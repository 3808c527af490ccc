import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { buildSchema } from "./index.ts";

/** The committed SDL; a test fails when it differs from what the code builds. */
export const SCHEMA_FILE = fileURLToPath(new URL("../../schema.graphql", import.meta.url));

export function printSchemaFile(): string {
  return `${printSchema(buildSchema())}\n`;
}
