import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Each migration folder keeps the datamodel it brings the database to, under this name. */
export const SNAPSHOT_FILE = "schema.snapshot.prisma";

const SCHEMA_DIR = fileURLToPath(new URL("../../prisma/schema", import.meta.url));

/**
 * The models and enums of `prisma/schema` as one text (generator and datasource blocks
 * left out), so a snapshot compares equal exactly when the datamodel is the same.
 */
export function currentDatamodel(dir = SCHEMA_DIR): string {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".prisma"))
    .sort()
    .map((file) => readFileSync(join(dir, file), "utf8"))
    .join("\n")
    .replace(/^(generator|datasource)\s+\w+\s*\{[^}]*\}\s*/gm, "")
    .trim()
    .concat("\n");
}
