import type { PrismaClient } from "@roundtable/db";
import type { Principal } from "./auth/principal.ts";
import type { ComplianceEngine } from "./compliance/compliance-engine.ts";
import type { EventCollector } from "./events/event-collector.ts";
import type { LiveFeeds } from "./live/live-feeds.ts";
import type { EnabledProfiles } from "./profiles/enabled-profiles.ts";
import type { ProfileRegistry } from "./profiles/profile-registry.ts";
import type { ScopeBySlug } from "./tenancy/agency-by-slug.ts";
import type { PlatformOperations } from "./tenancy/platform-operations.ts";
import type { TenantDb } from "./tenancy/scope-to-agency.ts";

/** Minimal structured logger (pino satisfies it). Never give it personal data or tokens. */
export interface Logger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** What every resolver receives. */
export interface Context {
  requestId: string;
  principal: Principal;
  /** The tenant-scoped client: the only database handle resolvers use. */
  db: TenantDb;
  /**
   * The agency a public request names (by slug), with a client scoped to it; null when no
   * agency has that slug. Only for what the public may do without an account.
   */
  scopeBySlug: ScopeBySlug;
  /** Cross-agency operations; resolvers must guard them with the PLATFORM_OPERATOR role. */
  platform: PlatformOperations;
  /** Domain events of this request's committed changes, published after execution. */
  events: EventCollector;
  /** The policy profiles the caller's agency enabled, with their settings (loaded once per request). */
  profiles: EnabledProfiles;
  /** The profiles this deployment installed. */
  installedProfiles: ProfileRegistry;
  compliance: ComplianceEngine;
  /**
   * Live event streams for subscription resolvers: `ctx.live.subscribe(agencyEventsTopic(id))`.
   * Each stream ends once the subscriber's access is revoked; its events carry ids only, so
   * fields are resolved with this request's own tenant-scoped client and role.
   */
  live: LiveFeeds;
  log: Logger;
  /** Where the request came from (client address), for the audit trail. */
  source?: string | undefined;
}

/** What the server hands to core to build contexts; the unscoped client stays out of resolvers. */
export interface ContextServices {
  prisma: PrismaClient;
  log: Logger;
}
