export { ConfigError, loadConfig, type ServerConfig } from "./config.ts";
export { type AppOptions, createApp, type RoundtableApp } from "./create-app.ts";
export { type DeploymentConfig, defineDeployment, loadDeploymentConfig } from "./deployment-config.ts";
export { createLogger, type RoundtableLogger } from "./logger.ts";
export { PendingMigrationsError, type RunningServer, startServer } from "./start-server.ts";
export { resolveJwtSecret, tokenVerification } from "./token-secret.ts";
