import type { Logger } from "../context.ts";
import type { TenantDb } from "../tenancy/scope-to-agency.ts";
import type { PolicyProfile } from "./define-policy-profile.ts";
import type { ProfileRegistry } from "./profile-registry.ts";

export interface EnabledProfile {
  profile: PolicyProfile;
  settings: unknown;
  version: number;
}

/** The profiles one agency enabled; read once per request, on first use. */
export interface EnabledProfiles {
  list(): Promise<EnabledProfile[]>;
  get(profileId: string): Promise<EnabledProfile | undefined>;
  isEnabled(profileId: string): Promise<boolean>;
}

/**
 * Reads the agency's enabled profiles through its tenant-scoped client. A stored profile
 * that is no longer installed is skipped; stored settings a newer profile version rejects
 * fall back to that version's defaults, with a warning in the log.
 */
export function loadEnabledProfiles(db: TenantDb, registry: ProfileRegistry, log: Logger): EnabledProfiles {
  let loaded: Promise<EnabledProfile[]> | undefined;
  const list = () => {
    loaded ??= db.agencyProfile.findMany({ where: { enabled: true }, orderBy: { profileId: "asc" } }).then((rows) =>
      rows.flatMap((row) => {
        const profile = registry.get(row.profileId);
        if (!profile) return [];
        const parsed = profile.settings.safeParse(row.settings ?? {});
        if (!parsed.success) log.warn({ profileId: row.profileId }, "stored profile settings no longer valid; using defaults");
        return [{ profile, settings: parsed.success ? parsed.data : profile.settings.parse({}), version: row.version }];
      }),
    );
    return loaded;
  };
  return {
    list,
    get: async (profileId) => (await list()).find((entry) => entry.profile.id === profileId),
    isEnabled: async (profileId) => (await list()).some((entry) => entry.profile.id === profileId),
  };
}
