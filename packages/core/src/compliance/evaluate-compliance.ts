import type { Finding } from "@roundtable/db";
import type { Logger } from "../context.ts";
import type { FindingDraft, PolicyRule } from "../profiles/define-policy-profile.ts";
import type { EnabledProfile } from "../profiles/enabled-profiles.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";

export interface EvaluationInput {
  db: TenantDb;
  agency: { id: string; slug: string; name: string; timeZone: string };
  enabled: EnabledProfile[];
  now: Date;
  /** Which rules to run; all of the enabled profiles' rules by default. */
  only?: (rule: PolicyRule<unknown>) => boolean;
  log: Logger;
}

export interface EvaluationResult {
  raised: Finding[];
  resolved: Finding[];
  /** Rule ids that ran. */
  evaluated: string[];
}

/** The rule id under which a rule's own failure is reported. */
export const ruleErrorId = (profileId: string) => `${profileId}.rule-error`;

/**
 * Runs rules and brings the stored findings in line with what they report: new findings
 * are raised, ones still reported are refreshed, ones no longer reported are resolved. A
 * rule that throws is logged and reported as a `rule-error` finding; its earlier findings
 * stay as they were, and every other rule still runs.
 */
export async function evaluateCompliance(input: EvaluationInput): Promise<EvaluationResult> {
  const { db, agency, now, log } = input;
  const outcomes: { ruleId: string; profileId: string; drafts: FindingDraft[] | Error; title: string }[] = [];
  for (const { profile, settings } of input.enabled) {
    for (const rule of profile.rules) {
      if (input.only && !input.only(rule)) continue;
      try {
        outcomes.push({
          ruleId: rule.id,
          profileId: profile.id,
          title: rule.title,
          drafts: await rule.evaluate({ db, agency, settings, now }),
        });
      } catch (error) {
        log.error({ err: error, ruleId: rule.id, agencyId: agency.id }, "compliance rule failed");
        outcomes.push({ ruleId: rule.id, profileId: profile.id, title: rule.title, drafts: error as Error });
      }
    }
  }

  return db.$transaction(async (tx) => {
    const raised: Finding[] = [];
    const resolved: Finding[] = [];
    const sync = async (profileId: string, ruleId: string, drafts: FindingDraft[], onlyKeys?: Set<string>) => {
      const open = await tx.finding.findMany({ where: { ruleId, resolvedAt: null } });
      const openByKey = new Map(open.map((finding) => [finding.key, finding]));
      const seen = new Set<string>();
      for (const draft of drafts) {
        const key = draft.key ?? `${draft.subjectType}:${draft.subjectId ?? ""}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fields = {
          severity: draft.severity,
          subjectType: draft.subjectType,
          subjectId: draft.subjectId ?? null,
          unitId: draft.unitId ?? null,
          memberId: draft.memberId ?? null,
          message: draft.message,
          dueAt: draft.dueAt ?? null,
          lastSeenAt: now,
        };
        const existing = openByKey.get(key);
        if (existing) await tx.finding.update({ where: { id: existing.id }, data: fields });
        else raised.push(await tx.finding.create({ data: { agencyId: "", profileId, ruleId, key, raisedAt: now, ...fields } }));
      }
      for (const finding of open) {
        if (seen.has(finding.key) || (onlyKeys && !onlyKeys.has(finding.key))) continue;
        resolved.push(await tx.finding.update({ where: { id: finding.id }, data: { resolvedAt: now } }));
      }
    };

    for (const outcome of outcomes) {
      const failed = outcome.drafts instanceof Error;
      if (!failed) await sync(outcome.profileId, outcome.ruleId, outcome.drafts as FindingDraft[]);
      const errorDrafts: FindingDraft[] = failed
        ? [
            {
              key: outcome.ruleId,
              severity: "WARNING",
              subjectType: "PolicyRule",
              subjectId: outcome.ruleId,
              message: `The rule "${outcome.title}" could not be evaluated; its earlier findings are kept until it runs again.`,
            },
          ]
        : [];
      await sync(outcome.profileId, ruleErrorId(outcome.profileId), errorDrafts, new Set([outcome.ruleId]));
    }
    return { raised, resolved, evaluated: outcomes.map((outcome) => outcome.ruleId) };
  });
}
