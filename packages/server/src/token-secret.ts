import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { secretFromString, type TokenVerification } from "@roundtable/core";
import { ConfigError, type ServerConfig } from "./config.ts";

const SECRET_FILE = "jwt-secret";
/** As long as `AUTH_JWT_SECRET` must be; a shorter file is damaged, not a secret. */
const MIN_SECRET_LENGTH = 32;

/**
 * The HS256 secret: `AUTH_JWT_SECRET`, or in embedded mode one generated once and kept in
 * `DATA_DIR` (readable by its owner only). A file, not the database, so `roundtable token`
 * can sign while the server holds the database.
 */
export function resolveJwtSecret(config: Pick<ServerConfig, "jwtSecret" | "dataDir">): string {
  if (config.jwtSecret) return config.jwtSecret;
  const path = join(config.dataDir, SECRET_FILE);
  const existing = readSecretFile(path);
  if (existing !== undefined) return checked(existing, path);
  // Written in full under a private name, then linked into place: a process starting at the
  // same moment (server and `roundtable token`) never reads a half-written file, and the
  // first link wins.
  const secret = randomBytes(48).toString("base64url");
  const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(draft, secret, { mode: 0o600, flag: "wx" });
    linkSync(draft, path);
  } catch (error) {
    if (!exists(error)) createDirectly(path, secret);
  } finally {
    rmSync(draft, { force: true });
  }
  return checked(readSecretFile(path) ?? "", path);
}

/** For file systems without hard links. */
function createDirectly(path: string, secret: string): void {
  try {
    writeFileSync(path, secret, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if (!exists(error)) throw unusable(path, error);
  }
}

function exists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "EEXIST";
}

function readSecretFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw unusable(path, error);
  }
}

function checked(secret: string, path: string): string {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `DATA_DIR: ${path} is damaged (shorter than ${MIN_SECRET_LENGTH} characters); delete it to make a new secret`,
    );
  }
  return secret;
}

function unusable(path: string, error: unknown): ConfigError {
  return new ConfigError(`DATA_DIR: cannot keep the token secret in ${path} (${(error as NodeJS.ErrnoException).code ?? error})`);
}

/** How this server verifies bearer tokens. */
export function tokenVerification(config: ServerConfig): TokenVerification {
  if (config.jwksUrl) return { kind: "jwks", url: config.jwksUrl, algorithms: config.jwksAlgorithms };
  return { kind: "secret", secret: secretFromString(resolveJwtSecret(config)) };
}
