import type { z } from "zod";
import type { TaxonomyTerm } from "../domain/strategy-categories.ts";
import type { DomainEvent } from "../events/domain-event.ts";
import type { ReportTemplate } from "../reports/report-template.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";

export type FindingSeverity = "INFO" | "WARNING" | "VIOLATION";

/** What a rule reports about one subject. The same `key` on a later run is the same finding. */
export interface FindingDraft {
  /** Defaults to `<subjectType>:<subjectId>`; set it when one subject can fail a rule in several ways. */
  key?: string;
  severity: FindingSeverity;
  /** GraphQL type name of what the finding is about (`OrgUnit`, `Plan`, `Member`, ...). */
  subjectType: string;
  subjectId?: string | null;
  unitId?: string | null;
  memberId?: string | null;
  /** One sentence a commander can act on. */
  message: string;
  dueAt?: Date | null;
}

/** What a rule gets: read-only intent over the agency's data, its settings, and the clock. */
export interface RuleContext<Settings> {
  db: TenantDb;
  agency: { id: string; slug: string; name: string; timeZone: string };
  settings: Settings;
  now: Date;
}

export interface PolicyRule<Settings> {
  /** Stable id, prefixed with the profile id: `patrol-cpp.plan-revision-overdue`. */
  id: string;
  title: string;
  /** Policy clause ids it enforces, e.g. `["CPP-13"]` (docs/policy-map.md lists them). */
  clauses?: string[];
  /**
   * Domain events after which the rule runs again (`plan-revision.*`, `feedback.answer`).
   * Rules also run on demand and on the periodic sweep, which catches what time alone changes.
   */
  triggers: string[];
  evaluate(ctx: RuleContext<Settings>): Promise<FindingDraft[]>;
}

/** What a hook gets when a domain event it listens to happens. */
export interface HookContext<Settings> {
  db: TenantDb;
  settings: Settings;
  now: Date;
}

export type ProfileHook<Settings> = (event: DomainEvent, ctx: HookContext<Settings>) => Promise<void>;

/**
 * A policy profile: the rules one written policy adds on top of the core domain. An agency
 * enables the profiles of the policies it adopted, with its own settings.
 */
export interface PolicyProfile<Settings = unknown> {
  /** kebab-case, unique across installed profiles: `patrol-cpp`. */
  id: string;
  /** semver of the profile package. */
  version: string;
  title: string;
  description?: string;
  /** Settings with defaults: `{}` must parse. */
  settings: z.ZodType<Settings>;
  taxonomies?: { strategyCategories?: TaxonomyTerm[] };
  rules: PolicyRule<Settings>[];
  /** Report templates, used by the report engine. */
  reports?: ReportTemplate<Settings>[];
  /** Adds profile types and fields; guard fields with `authScopes: { profile: "<id>" }`. */
  schema?: (builder: typeof import("../schema/builder.ts").builder) => void;
  /** Reactions to domain events, keyed by event pattern (`plan-revision.submit`, `feedback.*`). */
  hooks?: Record<string, ProfileHook<Settings>>;
}

const PROFILE_ID = /^[a-z][a-z0-9-]{1,40}$/;

/**
 * Declares a policy profile, checked for the mistakes that would otherwise surface later:
 * a malformed id, rule ids that do not start with the profile id, duplicates, and settings
 * that have no defaults.
 *
 * @example
 * export default definePolicyProfile({
 *   id: "patrol-cpp",
 *   version: "1.0.0",
 *   title: "Community Policing Plans for patrol stations",
 *   settings: z.object({ updateIntervalMonths: z.number().int().min(1).default(6) }),
 *   rules: [planRevisionOverdue],
 * });
 */
export function definePolicyProfile<Settings>(profile: PolicyProfile<Settings>): PolicyProfile<Settings> {
  if (!PROFILE_ID.test(profile.id)) throw new Error(`policy profile id "${profile.id}" must be kebab-case`);
  const seen = new Set<string>();
  for (const rule of profile.rules) {
    if (!rule.id.startsWith(`${profile.id}.`)) throw new Error(`rule "${rule.id}" must start with "${profile.id}."`);
    if (seen.has(rule.id)) throw new Error(`rule "${rule.id}" is declared twice`);
    seen.add(rule.id);
  }
  const defaults = profile.settings.safeParse({});
  if (!defaults.success) throw new Error(`profile "${profile.id}": settings must parse from {} (give every setting a default)`);
  return Object.freeze(profile);
}

/** Declares one rule; a typed identity function so rules can live in their own files. */
export function defineRule<Settings>(rule: PolicyRule<Settings>): PolicyRule<Settings> {
  return rule;
}
