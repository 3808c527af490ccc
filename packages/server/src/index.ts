export { CONFIG_VARIABLES, ConfigError, loadConfig, type ServerConfig } from "./config.ts";
export { type AppOptions, createApp, type RoundtableApp } from "./create-app.ts";
export { type DeploymentConfig, defineDeployment, loadDeploymentConfig } from "./deployment-config.ts";
export { createLogger, type RoundtableLogger } from "./logger.ts";
export { DEFAULT_QUERY_LIMITS, type QueryLimits } from "./security/query-limits.ts";
export { createSecurityPlugins, type SecurityOptions, type SecurityPlugins } from "./security/security-plugins.ts";
export { PendingMigrationsError, type RunningServer, startServer } from "./start-server.ts";
export * from "./subscriptions/index.ts";
export { resolveJwtSecret, tokenVerification } from "./token-secret.ts";
