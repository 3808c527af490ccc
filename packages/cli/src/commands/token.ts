import { parseArgs } from "node:util";
import { demoEmail, isRole, ROLES, secretFromString, signToken } from "@roundtable/core";
import { ConfigError, loadConfig, resolveJwtSecret } from "@roundtable/server";
import { UsageError } from "../usage.ts";

const TTL = /^(\d+)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Prints only a token on stdout. Opens no database: the server resolves agency and member
 * when the token is used, so this works while the server holds the embedded database.
 */
export async function tokenCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      agency: { type: "string" },
      role: { type: "string" },
      member: { type: "string" },
      ttl: { type: "string", default: "1h" },
    },
    strict: true,
  });
  if (!values.agency) throw new UsageError("token: --agency SLUG is required");
  if (!values.role) throw new UsageError("token: --role ROLE is required");
  const role = values.role.toUpperCase();
  if (!isRole(role)) throw new UsageError(`token: --role must be one of ${ROLES.join(", ")}`);
  if (values.member !== undefined && !EMAIL.test(values.member)) {
    throw new UsageError("token: --member must be an email address such as chief@metro.example");
  }
  const ttl = values.ttl.trim();
  if (Number(TTL.exec(ttl)?.[1] ?? 0) <= 0) throw new UsageError('token: --ttl must look like "30m", "1h" or "7d"');
  const config = loadConfig();
  if (config.jwksUrl) {
    throw new ConfigError(
      "AUTH_JWKS_URL: is set, so the server accepts only tokens from that identity provider; get one there instead",
    );
  }
  const token = await signToken({
    secret: secretFromString(resolveJwtSecret(config)),
    agency: values.agency,
    email: values.member ?? demoEmail(role, values.agency),
    roles: [role],
    ttl,
  });
  process.stdout.write(`${token}\n`);
}
