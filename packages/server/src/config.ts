import { accessSync, constants, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { normalizeOrigin } from "./security/origin-policy.ts";

/** Everything the server reads from its environment (CONTRACT.md "Environment"). */
export interface ServerConfig {
  port: number;
  /** Embedded database and generated secrets live here when `databaseUrl` is unset. */
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  jwtSecret: string | undefined;
  jwksUrl: URL | undefined;
  /** Algorithms accepted from the JWKS provider (pinned; never `none`). */
  jwksAlgorithms: string[];
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  production: boolean;
  graphiql: boolean;
  introspection: boolean;
  fieldSuggestions: boolean;
  /** Pages on other origins that may use the API from a browser (docs/live-feeds.md). */
  allowedOrigins: string[];
  /**
   * How many proxies in front of the server append to X-Forwarded-For (nginx: 1), so rate
   * limits count the client's address rather than the proxy's (docs/deployment.md).
   */
  trustedProxies: number;
  /** How long query answers are reused at most (0: never); docs/performance.md. */
  responseCacheTtlMs: number;
  /** How long a checked bearer token's member and roles are remembered (0: never); docs/performance.md. */
  signInCacheTtlMs: number;
}

/** Bad configuration: one line naming the variable and what is wrong with it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0"], { error: "must be true or false" }))
  .transform((value) => value === "true" || value === "1");

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const EnvSchema = z.object({
  // Digits only: Number() would read " " as 0, "1e3" as 1000 and "0x10" as 16.
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a port number from 0 to 65535")
    .transform(Number)
    .pipe(z.number().max(65535, "must be a port number from 0 to 65535"))
    .default(4000),
  DATA_DIR: z.string().min(1, "must not be empty").default(".data"),
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: "must be a PostgreSQL URL such as postgresql://user:password@localhost:5432/roundtable",
    })
    .optional(),
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\//.test(value) && URL.canParse(value), { message: "must be a redis:// URL" })
    .optional(),
  AUTH_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_JWKS_URL: z
    .string()
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), { message: "must be an http(s) URL" })
    .optional(),
  AUTH_JWKS_ALGORITHMS: z
    .string()
    .default("RS256")
    .transform((value) => value.split(",").map((alg) => alg.trim()))
    .refine((algs) => algs.every((alg) => /^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(alg)), {
      message: "must list asymmetric JWS algorithms such as RS256,ES256",
    }),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }))
    .default("info"),
  NODE_ENV: z.string().optional(),
  GRAPHIQL: flag.optional(),
  INTROSPECTION: flag.optional(),
  FIELD_SUGGESTIONS: flag.optional(),
  RESPONSE_CACHE_TTL_MS: z.coerce
    .number({ error: "must be a number of milliseconds (0 turns the response cache off)" })
    .int("must be a whole number of milliseconds")
    .min(0, "must be 0 or more")
    .max(3_600_000, "must be at most an hour")
    .default(10_000),
  SIGN_IN_CACHE_TTL_MS: z.coerce
    .number({ error: "must be a number of milliseconds (0 checks every token against the database)" })
    .int("must be a whole number of milliseconds")
    .min(0, "must be 0 or more")
    .max(300_000, "must be at most five minutes")
    .default(10_000),
  TRUSTED_PROXIES: z.coerce
    .number({ error: "must be a whole number of proxies (0 when clients connect directly)" })
    .int("must be a whole number of proxies (0 when clients connect directly)")
    .min(0, "must be a whole number of proxies (0 when clients connect directly)")
    .max(10, "must be at most 10")
    .default(0),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const entry of value.split(",").map((part) => part.trim())) {
        const origin = normalizeOrigin(entry);
        if (origin) {
          origins.push(origin);
          continue;
        }
        ctx.addIssue({
          code: "custom",
          message: `${JSON.stringify(entry)} is not an origin; list origins such as https://dashboard.example.org,http://localhost:5173`,
        });
        return z.NEVER;
      }
      return origins;
    })
    .optional(),
});

export interface LoadConfigOptions {
  /**
   * Whether the command verifies tokens and so needs the shared signing secret when hosted
   * (the server, `token`); database chores (`migrate`, `seed`, `audit`, ...) do not.
   * @default true
   */
  verifiesTokens?: boolean;
}

/**
 * Every environment variable the server reads, e.g. for tests that start it as a child and
 * must not let the shell's settings leak in.
 */
export const CONFIG_VARIABLES: readonly string[] = [...Object.keys(EnvSchema.shape), "ROUNDTABLE_CONFIG"];

/** Reads and checks the configuration; throws `ConfigError` naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): ServerConfig {
  const parsed = EnvSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    const value = env[variable];
    const shown = variable.includes("SECRET") || value === undefined ? "" : ` (got ${JSON.stringify(redactSecrets(value))})`;
    throw new ConfigError(`${variable}: ${issue?.message ?? "is not valid"}${shown}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === "production";
  const dataDir = resolve(vars.DATA_DIR);
  if ((options.verifiesTokens ?? true) && vars.DATABASE_URL && !vars.AUTH_JWT_SECRET && !vars.AUTH_JWKS_URL) {
    throw new ConfigError(
      "AUTH_JWT_SECRET: must be set (or AUTH_JWKS_URL) when DATABASE_URL is set; hosted servers share one secret",
    );
  }
  // Only the embedded database (and its generated secret) lives in DATA_DIR.
  if (!vars.DATABASE_URL) ensureWritable(dataDir);
  return {
    port: vars.PORT,
    dataDir,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    jwtSecret: vars.AUTH_JWT_SECRET,
    jwksUrl: vars.AUTH_JWKS_URL ? new URL(vars.AUTH_JWKS_URL) : undefined,
    jwksAlgorithms: vars.AUTH_JWKS_ALGORITHMS,
    logLevel: vars.LOG_LEVEL,
    production,
    graphiql: vars.GRAPHIQL ?? !production,
    introspection: vars.INTROSPECTION ?? !production,
    fieldSuggestions: vars.FIELD_SUGGESTIONS ?? !production,
    allowedOrigins: vars.ALLOWED_ORIGINS ?? [],
    trustedProxies: vars.TRUSTED_PROXIES,
    responseCacheTtlMs: vars.RESPONSE_CACHE_TTL_MS,
    signInCacheTtlMs: vars.SIGN_IN_CACHE_TTL_MS,
  };
}

function ensureWritable(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "not accessible";
    throw new ConfigError(`DATA_DIR: ${dataDir} is not a readable and writable folder (${reason})`);
  }
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === "" ? undefined : value]));
}

/**
 * Never echo a password back into a terminal or log. The value is malformed, so its parts
 * cannot be trusted: everything before the last "@" may be credentials (a password may hold
 * "@", ":" or a space, the scheme may be missing), and `password=` may appear in a query or
 * a libpq keyword string.
 */
function redactSecrets(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? "";
  const at = value.lastIndexOf("@");
  const withoutUserinfo = at >= 0 ? `${scheme}***${value.slice(at)}` : value;
  return withoutUserinfo.replace(/(pass(word)?\s*=\s*)[^\s&;]*/gi, "$1***");
}
