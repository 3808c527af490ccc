import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { resolveJwtSecret } from "../src/token-secret.ts";

const SECRET = "a-shared-secret-of-at-least-32-characters";
const HOSTED = { DATABASE_URL: "postgresql://roundtable@db.internal:5432/roundtable", AUTH_JWT_SECRET: SECRET };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "roundtable-config-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("serves embedded development on port 4000 by default", () => {
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toEqual({
      port: 4000,
      dataDir: dir,
      databaseUrl: undefined,
      redisUrl: undefined,
      jwtSecret: undefined,
      jwksUrl: undefined,
      jwksAlgorithms: ["RS256"],
      logLevel: "info",
      production: false,
      graphiql: true,
      introspection: true,
      fieldSuggestions: true,
      allowedOrigins: [],
      trustedProxies: 0,
      responseCacheTtlMs: 10_000,
      signInCacheTtlMs: 10_000,
    });
  });

  it("keeps the embedded database in .data under the working directory by default", () => {
    expect(loadConfig(HOSTED).dataDir).toBe(resolve(".data"));
  });

  it("treats an empty variable as unset", () => {
    const config = loadConfig({ DATA_DIR: dir, PORT: "", LOG_LEVEL: "", GRAPHIQL: "" });
    expect(config.port).toBe(4000);
    expect(config.logLevel).toBe("info");
    expect(config.graphiql).toBe(true);
  });

  it("reads each variable it is given", () => {
    const config = loadConfig({
      DATA_DIR: dir,
      PORT: "8080",
      REDIS_URL: "redis://cache:6379",
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({ port: 8080, redisUrl: "redis://cache:6379", jwtSecret: SECRET, logLevel: "debug" });
  });

  it("accepts the whole port range, 0 meaning any free port", () => {
    expect(loadConfig({ DATA_DIR: dir, PORT: "0" }).port).toBe(0);
    expect(loadConfig({ DATA_DIR: dir, PORT: "65535" }).port).toBe(65535);
  });

  it.each(["abc", "70000", "-1", "80.5", "1e3", "0x10", " "])("refuses PORT=%j naming PORT", (port) => {
    const error = configError({ DATA_DIR: dir, PORT: port });
    expect(error.message).toMatch(/^PORT: /);
    expect(error.name).toBe("ConfigError");
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL URL", () => {
    expect(configError({ ...HOSTED, DATABASE_URL: "nonsense" }).message).toMatch(/^DATABASE_URL: .*postgresql:\/\//);
  });

  it.each([
    "mysql://admin:hunter2-pw@db.internal/roundtable",
    "postgresql://admin:hunter2-pw@db internal/roundtable",
    "postgresql://admin:hunt@er2-pw@db internal/roundtable",
    "postgresql://:hunter2-pw@db internal/roundtable",
    "admin:hunter2-pw@db.internal:5432/roundtable",
    "host=db.internal user=admin password=hunter2-pw dbname=roundtable",
    "postgresql://db internal/roundtable?user=admin&password=hunter2-pw",
  ])("never echoes the password of a malformed DATABASE_URL (%s)", (url) => {
    const { message } = configError({ ...HOSTED, DATABASE_URL: url });
    expect(message).toMatch(/^DATABASE_URL: /);
    expect(message).not.toMatch(/hunter|er2-pw/);
  });

  it("never echoes the password of a malformed REDIS_URL", () => {
    const { message } = configError({ DATA_DIR: dir, REDIS_URL: "http://default:hunter2-pw@cache:6379" });
    expect(message).toMatch(/^REDIS_URL: /);
    expect(message).not.toContain("hunter2");
  });

  it("creates a missing DATA_DIR", () => {
    const nested = join(dir, "a", "b");
    expect(loadConfig({ DATA_DIR: nested }).dataDir).toBe(nested);
    expect(statSync(nested).isDirectory()).toBe(true);
  });

  it("refuses a DATA_DIR that cannot be a folder", () => {
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "");
    expect(configError({ DATA_DIR: join(file, "data") }).message).toMatch(/^DATA_DIR: .*not-a-folder\/data/);
    expect(configError({ DATA_DIR: file }).message).toMatch(/^DATA_DIR: /);
  });

  it("neither needs nor creates DATA_DIR for a hosted database", () => {
    const unused = join(dir, "unused");
    expect(loadConfig({ ...HOSTED, DATA_DIR: unused }).databaseUrl).toBe(HOSTED.DATABASE_URL);
    expect(existsSync(unused)).toBe(false);
  });

  it("requires AUTH_JWT_SECRET or AUTH_JWKS_URL with DATABASE_URL", () => {
    const env = { DATA_DIR: dir, DATABASE_URL: HOSTED.DATABASE_URL };
    expect(configError(env).message).toMatch(/^AUTH_JWT_SECRET: .*DATABASE_URL/);
    expect(loadConfig({ ...env, AUTH_JWKS_URL: "https://idp.example/jwks" }).jwksUrl?.href).toBe("https://idp.example/jwks");
  });

  it("lets database chores (migrate, seed, audit) run against a hosted database without the signing secret", () => {
    const env = { DATA_DIR: dir, DATABASE_URL: HOSTED.DATABASE_URL };
    expect(loadConfig(env, { verifiesTokens: false }).databaseUrl).toBe(HOSTED.DATABASE_URL);
  });

  it("reads TRUSTED_PROXIES as a count of proxies, refusing anything else", () => {
    expect(loadConfig({ DATA_DIR: dir }).trustedProxies).toBe(0);
    expect(loadConfig({ DATA_DIR: dir, TRUSTED_PROXIES: "1" }).trustedProxies).toBe(1);
    for (const bad of ["-1", "1.5", "nginx", "11"]) {
      expect(configError({ DATA_DIR: dir, TRUSTED_PROXIES: bad }).message, bad).toMatch(/^TRUSTED_PROXIES: /);
    }
  });

  it("reads SIGN_IN_CACHE_TTL_MS as milliseconds up to five minutes, 0 turning it off", () => {
    expect(loadConfig({ DATA_DIR: dir, SIGN_IN_CACHE_TTL_MS: "0" }).signInCacheTtlMs).toBe(0);
    expect(loadConfig({ DATA_DIR: dir, SIGN_IN_CACHE_TTL_MS: "2500" }).signInCacheTtlMs).toBe(2500);
    for (const bad of ["-1", "1.5", "soon", "300001"]) {
      expect(configError({ DATA_DIR: dir, SIGN_IN_CACHE_TTL_MS: bad }).message, bad).toMatch(/^SIGN_IN_CACHE_TTL_MS: /);
    }
  });

  it("names the missing secret, not DATA_DIR, when a hosted server has neither", () => {
    const blocked = join(dir, "file");
    writeFileSync(blocked, "");
    expect(configError({ DATABASE_URL: HOSTED.DATABASE_URL, DATA_DIR: join(blocked, "x") }).message).toMatch(
      /^AUTH_JWT_SECRET: /,
    );
  });

  it("refuses a short AUTH_JWT_SECRET without echoing it", () => {
    const { message } = configError({ DATA_DIR: dir, AUTH_JWT_SECRET: "short-secret-xyz" });
    expect(message).toMatch(/^AUTH_JWT_SECRET: .*32/);
    expect(message).not.toContain("short-secret-xyz");
  });

  it("refuses an AUTH_JWKS_URL that is not http(s)", () => {
    expect(configError({ DATA_DIR: dir, AUTH_JWKS_URL: "ftp://idp.example/jwks" }).message).toMatch(/^AUTH_JWKS_URL: /);
  });

  it.each(["HS256", "none", "RS256,HS256", "RS256,"])("refuses AUTH_JWKS_ALGORITHMS=%s", (algorithms) => {
    expect(configError({ DATA_DIR: dir, AUTH_JWKS_ALGORITHMS: algorithms }).message).toMatch(/^AUTH_JWKS_ALGORITHMS: /);
  });

  it("accepts a list of asymmetric AUTH_JWKS_ALGORITHMS", () => {
    expect(loadConfig({ DATA_DIR: dir, AUTH_JWKS_ALGORITHMS: "RS256, ES384,EdDSA" }).jwksAlgorithms).toEqual([
      "RS256",
      "ES384",
      "EdDSA",
    ]);
  });

  it("reads ALLOWED_ORIGINS as a comma-separated list of origins, written as browsers send them", () => {
    expect(
      loadConfig({
        DATA_DIR: dir,
        ALLOWED_ORIGINS: "https://Dashboard.Example.org, http://localhost:5173/,https://a.example:443",
      }).allowedOrigins,
    ).toEqual(["https://dashboard.example.org", "http://localhost:5173", "https://a.example"]);
  });

  it.each([
    "*",
    "dashboard.example.org",
    "https://dashboard.example.org/app",
    "ftp://files.example",
    "null",
    "https://a.example,",
  ])("refuses ALLOWED_ORIGINS=%j naming the variable", (value) => {
    expect(configError({ DATA_DIR: dir, ALLOWED_ORIGINS: value }).message).toMatch(/^ALLOWED_ORIGINS: .* is not an origin/);
  });

  it("refuses an unknown LOG_LEVEL and accepts any case of a known one", () => {
    expect(configError({ DATA_DIR: dir, LOG_LEVEL: "verbose" }).message).toMatch(/^LOG_LEVEL: .*debug/);
    expect(loadConfig({ DATA_DIR: dir, LOG_LEVEL: "WARN" }).logLevel).toBe("warn");
  });
});

describe("production mode", () => {
  it("turns GraphiQL, introspection and field suggestions off for NODE_ENV=production", () => {
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: "production" })).toMatchObject({
      production: true,
      graphiql: false,
      introspection: false,
      fieldSuggestions: false,
    });
  });

  it.each(["development", "test", "staging"])("treats NODE_ENV=%s as development", (nodeEnv) => {
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: nodeEnv })).toMatchObject({
      production: false,
      graphiql: true,
      introspection: true,
      fieldSuggestions: true,
    });
  });

  it.each([
    ["GRAPHIQL", "graphiql"],
    ["INTROSPECTION", "introspection"],
    ["FIELD_SUGGESTIONS", "fieldSuggestions"],
  ] as const)("switches %s back on alone in production", (variable, key) => {
    for (const value of ["true", "1", "TRUE"]) {
      const config = loadConfig({ DATA_DIR: dir, NODE_ENV: "production", [variable]: value });
      expect({
        graphiql: config.graphiql,
        introspection: config.introspection,
        fieldSuggestions: config.fieldSuggestions,
      }).toEqual({
        graphiql: key === "graphiql",
        introspection: key === "introspection",
        fieldSuggestions: key === "fieldSuggestions",
      });
    }
  });

  it.each(["GRAPHIQL", "INTROSPECTION", "FIELD_SUGGESTIONS"])("switches %s off in development", (variable) => {
    for (const value of ["false", "0"]) {
      const config = loadConfig({ DATA_DIR: dir, [variable]: value });
      expect([config.graphiql, config.introspection, config.fieldSuggestions].filter((on) => !on)).toHaveLength(1);
    }
  });

  it("refuses a switch that is neither true nor false", () => {
    expect(configError({ DATA_DIR: dir, GRAPHIQL: "maybe" }).message).toMatch(/^GRAPHIQL: must be true or false/);
  });
});

describe("resolveJwtSecret", () => {
  it("uses AUTH_JWT_SECRET without touching DATA_DIR", () => {
    const unused = join(dir, "unused");
    expect(resolveJwtSecret({ jwtSecret: SECRET, dataDir: unused })).toBe(SECRET);
    expect(existsSync(unused)).toBe(false);
  });

  it("generates a secret once, keeps it in DATA_DIR for its owner only, and reuses it", () => {
    const first = resolveJwtSecret({ jwtSecret: undefined, dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveJwtSecret({ jwtSecret: undefined, dataDir: dir })).toBe(first);
    const file = join(dir, "jwt-secret");
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a damaged secret file instead of signing with it", () => {
    writeFileSync(join(dir, "jwt-secret"), "\n");
    expect(() => resolveJwtSecret({ jwtSecret: undefined, dataDir: dir })).toThrow(
      expect.objectContaining({ name: "ConfigError", message: expect.stringMatching(/^DATA_DIR: .*jwt-secret.*damaged/) }),
    );
  });
});
