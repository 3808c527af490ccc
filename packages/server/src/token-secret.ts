import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { secretFromString, type TokenVerification } from "@roundtable/core";
import type { ServerConfig } from "./config.ts";

const SECRET_FILE = "jwt-secret";

/**
 * The HS256 secret: `AUTH_JWT_SECRET`, or in embedded mode one generated once and kept in
 * `DATA_DIR` (readable by its owner only). A file, not the database, so `roundtable token`
 * can sign while the server holds the database.
 */
export function resolveJwtSecret(config: Pick<ServerConfig, "jwtSecret" | "dataDir">): string {
  if (config.jwtSecret) return config.jwtSecret;
  const path = join(config.dataDir, SECRET_FILE);
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(path, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readFileSync(path, "utf8").trim();
}

/** How this server verifies bearer tokens. */
export function tokenVerification(config: ServerConfig): TokenVerification {
  if (config.jwksUrl) return { kind: "jwks", url: config.jwksUrl, algorithms: config.jwksAlgorithms };
  return { kind: "secret", secret: secretFromString(resolveJwtSecret(config)) };
}
