import type { Finding } from "@roundtable/db";
import type { Logger } from "../context.ts";
import type { FindingDraft, PolicyRule } from "../profiles/define-policy-profile.ts";
import type { EnabledProfile } from "../profiles/enabled-profiles.ts";
import { joinedTransactions } from "../tenancy/joined-transactions.ts";
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
          // Each rule reads in a transaction of its own: under row-level security a statement
          // outside one is framed by three more (BEGIN, the agency setting, COMMIT), which was
          // two thirds of an evaluation's statements. One per rule, not one for all, so a rule
          // whose statement fails cannot abort the reads of the rules after it.
          drafts: await db.$transaction((tx) =>
            rule.evaluate({ db: joinedTransactions(tx as unknown as TenantDb), agency, settings, now }),
          ),
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
    // Set-based on purpose: an evaluation may see thousands of findings, and a statement per
    // finding would make its cost grow with the data instead of with the number of rules.
    const sync = async (profileId: string, ruleId: string, drafts: FindingDraft[], onlyKeys?: Set<string>) => {
      const open = await tx.finding.findMany({ where: { ruleId, resolvedAt: null } });
      const openByKey = new Map(open.map((finding) => [finding.key, finding]));
      const seen = new Map<string, FindingDraft>();
      for (const draft of drafts) {
        const key = draft.key ?? `${draft.subjectType}:${draft.subjectId ?? ""}`;
        if (!seen.has(key)) seen.set(key, draft);
      }
      const fieldsOf = (draft: FindingDraft) => ({
        severity: draft.severity,
        subjectType: draft.subjectType,
        subjectId: draft.subjectId ?? null,
        unitId: draft.unitId ?? null,
        memberId: draft.memberId ?? null,
        message: draft.message,
        dueAt: draft.dueAt ?? null,
      });
      const stillOpen: string[] = [];
      const fresh = [];
      for (const [key, draft] of seen) {
        const existing = openByKey.get(key);
        const fields = fieldsOf(draft);
        if (!existing) {
          fresh.push({ agencyId: "", profileId, ruleId, key, raisedAt: now, lastSeenAt: now, ...fields });
        } else if (unchanged(existing, fields)) {
          stillOpen.push(existing.id);
        } else {
          await tx.finding.update({ where: { id: existing.id }, data: { ...fields, lastSeenAt: now } });
        }
      }
      if (fresh.length > 0) raised.push(...(await tx.finding.createManyAndReturn({ data: fresh })));
      if (stillOpen.length > 0) await tx.finding.updateMany({ where: { id: { in: stillOpen } }, data: { lastSeenAt: now } });
      const gone = open.filter((finding) => !seen.has(finding.key) && (!onlyKeys || onlyKeys.has(finding.key)));
      if (gone.length > 0) {
        await tx.finding.updateMany({ where: { id: { in: gone.map((finding) => finding.id) } }, data: { resolvedAt: now } });
        resolved.push(...gone.map((finding) => ({ ...finding, resolvedAt: now })));
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

function unchanged(
  existing: Finding,
  fields: Omit<Finding, "id" | "agencyId" | "profileId" | "ruleId" | "key" | "raisedAt" | "lastSeenAt" | "resolvedAt">,
): boolean {
  return (
    existing.severity === fields.severity &&
    existing.subjectType === fields.subjectType &&
    existing.subjectId === fields.subjectId &&
    existing.unitId === fields.unitId &&
    existing.memberId === fields.memberId &&
    existing.message === fields.message &&
    (existing.dueAt?.getTime() ?? null) === (fields.dueAt?.getTime() ?? null)
  );
}
