import type { RoleName } from "../auth/roles.ts";
import type { EnabledProfiles } from "../profiles/enabled-profiles.ts";
import type { ReportTemplate } from "./report-template.ts";

/** A template one of the agency's enabled profiles contributes, with that profile's settings. */
export interface AvailableTemplate {
  profileId: string;
  template: ReportTemplate<unknown>;
  settings: unknown;
  /** The approver role with the agency's settings applied. */
  approverRole: RoleName;
}

/**
 * The report templates an agency can use: those of the profiles it enabled. Read through
 * `ctx.db`, so call it before opening a transaction (the embedded database has one connection).
 */
export async function availableTemplates(profiles: EnabledProfiles): Promise<AvailableTemplate[]> {
  return (await profiles.list()).flatMap(({ profile, settings }) =>
    (profile.reports ?? []).map((template) => ({
      profileId: profile.id,
      template: template as ReportTemplate<unknown>,
      settings,
      approverRole: typeof template.approverRole === "function" ? template.approverRole(settings) : template.approverRole,
    })),
  );
}

export async function findTemplate(profiles: EnabledProfiles, key: string): Promise<AvailableTemplate | undefined> {
  return (await availableTemplates(profiles)).find((entry) => entry.template.key === key);
}
