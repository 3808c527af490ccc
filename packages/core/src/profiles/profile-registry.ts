import type { FieldProblem } from "../errors.ts";
import type { PolicyProfile } from "./define-policy-profile.ts";

/** The profiles this deployment installed (a deployment decision, made in roundtable.config.ts). */
export interface ProfileRegistry {
  all(): PolicyProfile[];
  get(id: string): PolicyProfile | undefined;
  /** Validates an agency's settings for a profile; problems name the setting. */
  parseSettings(id: string, raw: unknown): { ok: true; settings: unknown } | { ok: false; problems: FieldProblem[] };
}

// biome-ignore lint/suspicious/noExplicitAny: profiles are registered with their own settings types.
export function createProfileRegistry(profiles: readonly PolicyProfile<any>[]): ProfileRegistry {
  const byId = new Map<string, PolicyProfile>();
  for (const profile of profiles) {
    if (byId.has(profile.id)) throw new Error(`policy profile "${profile.id}" is installed twice`);
    byId.set(profile.id, profile as PolicyProfile);
  }
  return {
    all: () => [...byId.values()],
    get: (id) => byId.get(id),
    parseSettings(id, raw) {
      const profile = byId.get(id);
      if (!profile) return { ok: false, problems: [{ field: "profileId", message: `no installed profile is called "${id}"` }] };
      const parsed = profile.settings.safeParse(raw ?? {});
      if (parsed.success) return { ok: true, settings: parsed.data };
      return {
        ok: false,
        problems: parsed.error.issues.map((issue) => ({
          field: ["settings", ...issue.path.map(String)].join("."),
          message: issue.message,
        })),
      };
    },
  };
}
