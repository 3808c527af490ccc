import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { PolicyProfile } from "@roundtable/core";
import { ConfigError } from "./config.ts";

/**
 * What a deployment installs, as code: `roundtable.config.ts` in the working directory (or
 * the file `ROUNDTABLE_CONFIG` names). Which profiles an agency *enables* is decided per
 * agency through the API; this file only decides which ones exist.
 *
 * @example
 * // roundtable.config.ts
 * import patrolCpp from "@roundtable/profile-patrol-cpp";
 * export default defineDeployment({ profiles: [patrolCpp], complianceSweepMinutes: 60 });
 */
export interface DeploymentConfig {
  // biome-ignore lint/suspicious/noExplicitAny: each profile has its own settings type.
  profiles: readonly PolicyProfile<any>[];
  /** How often every agency's rules run for what time alone changes (overdue updates); 0 turns it off. */
  complianceSweepMinutes?: number;
}

export function defineDeployment(config: DeploymentConfig): DeploymentConfig {
  return config;
}

export async function loadDeploymentConfig(
  path = process.env.ROUNDTABLE_CONFIG ?? "roundtable.config.ts",
): Promise<DeploymentConfig> {
  const file = resolve(path);
  if (!existsSync(file)) {
    if (process.env.ROUNDTABLE_CONFIG) throw new ConfigError(`ROUNDTABLE_CONFIG: ${file} does not exist`);
    return { profiles: [] };
  }
  const loaded = (await import(pathToFileURL(file).href)).default as DeploymentConfig | undefined;
  if (!loaded || !Array.isArray(loaded.profiles)) {
    throw new ConfigError(`ROUNDTABLE_CONFIG: ${file} must export default defineDeployment({ profiles: [...] })`);
  }
  return loaded;
}
