export { appendAuditEvent, type ChainWriter } from "./audit/append-audit-event.ts";
export { chainWriterFor } from "./audit/chain-writer-for.ts";
export { type AuditEntry, recordAuditEvent } from "./audit/record-audit-event.ts";
export {
  AUDITED_READ,
  fieldRefusalIsAudited,
  type RefusedField,
  recordDeniedAttempt,
  refusalIsAudited,
} from "./audit/record-denied-attempt.ts";
export { type AuditAnchor, type AuditChainReport, parseAuditAnchor, verifyAuditChain } from "./audit/verify-audit-chain.ts";
export { API_TOKEN_PREFIX, generateApiToken, hashApiToken } from "./auth/api-token.ts";
export { type Authenticate, createAuthenticator } from "./auth/authenticate.ts";
export { createTokenVerifier, type RoundtableClaims, secretFromString, signToken, type TokenVerification } from "./auth/jwt.ts";
export { hasRole, type MemberPrincipal, type Principal, PUBLIC_PRINCIPAL, type PublicPrincipal } from "./auth/principal.ts";
export { isRole, ROLES, type RoleName } from "./auth/roles.ts";
export { type ComplianceEngine, createComplianceEngine } from "./compliance/compliance-engine.ts";
export { type EvaluationResult, evaluateCompliance, ruleErrorId } from "./compliance/evaluate-compliance.ts";
export type { Context, ContextServices, Logger } from "./context.ts";
export { DEMO_AGENCIES, demoEmail, demoMembers } from "./demo/demo-agencies.ts";
export { seedDemo } from "./demo/seed-demo.ts";
export { type IndicatorImportResult, importIndicatorObservations } from "./domain/import-indicators.ts";
export { parseIndicatorCsv } from "./domain/indicator-csv.ts";
export { DEFAULT_STRATEGY_CATEGORIES, type TaxonomyTerm } from "./domain/strategy-categories.ts";
export * from "./errors.ts";
export { type DomainEvent, eventMatches } from "./events/domain-event.ts";
export { createEventBus, type EventBus, type EventHandler } from "./events/event-bus.ts";
export { EventCollector } from "./events/event-collector.ts";
export * from "./live/index.ts";
export * from "./profiles/define-policy-profile.ts";
export { type EnabledProfile, type EnabledProfiles, loadEnabledProfiles } from "./profiles/enabled-profiles.ts";
export { createProfileRegistry, type ProfileRegistry } from "./profiles/profile-registry.ts";
export { runProfileHooks } from "./profiles/run-profile-hooks.ts";
export * from "./reports/report-template.ts";
export { buildSchema } from "./schema/index.ts";
export { type AgencyScope, createScopeBySlug, type ScopeBySlug } from "./tenancy/agency-by-slug.ts";
export { joinedTransactions } from "./tenancy/joined-transactions.ts";
export { createPlatformOperations, type NewAgency, type PlatformOperations } from "./tenancy/platform-operations.ts";
export { NO_AGENCY, scopeToAgency, type TenantDb } from "./tenancy/scope-to-agency.ts";
