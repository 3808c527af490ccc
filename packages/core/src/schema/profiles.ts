import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Context } from "../context.ts";
import { badUserInput, conflict, notFound } from "../errors.ts";
import type { PolicyProfile } from "../profiles/define-policy-profile.ts";
import { builder } from "./builder.ts";
import { JsonScalar } from "./json-scalar.ts";

/** Who decides which policies the agency adopted and how they are set. */
const PROFILE_ADMINS = ["AGENCY_ADMIN", "CHIEF"] as const;

interface ProfileView {
  profile: PolicyProfile;
  enabled: boolean;
  version: number | null;
  settings: unknown;
}

const PolicyProfileRef = builder.objectRef<ProfileView>("PolicyProfile").implement({
  description: "A policy profile installed on this deployment, and whether your agency enabled it.",
  authScopes: { member: true },
  fields: (t) => ({
    id: t.string({ resolve: (view) => view.profile.id }),
    title: t.string({ resolve: (view) => view.profile.title }),
    description: t.string({ nullable: true, resolve: (view) => view.profile.description ?? null }),
    profileVersion: t.string({
      description: "Version of the installed profile package.",
      resolve: (view) => view.profile.version,
    }),
    enabled: t.exposeBoolean("enabled"),
    settingsVersion: t.int({ nullable: true, description: "Bumped on every settings change.", resolve: (view) => view.version }),
    settings: t.field({
      type: JsonScalar,
      description: "Your agency's settings, defaults filled in.",
      resolve: (view) => view.settings,
    }),
    settingsSchema: t.field({
      type: JsonScalar,
      description: "JSON Schema of the settings.",
      resolve: (view) => z.toJSONSchema(view.profile.settings, { io: "input" }),
    }),
    rules: t.stringList({ resolve: (view) => view.profile.rules.map((rule) => rule.id) }),
  }),
});

const ProfileSettingsChange = builder.prismaObject("AgencyProfileChange", {
  authScopes: { member: true },
  fields: (t) => ({
    profileId: t.exposeString("profileId"),
    version: t.exposeInt("version"),
    enabled: t.exposeBoolean("enabled"),
    settings: t.field({ type: JsonScalar, resolve: (row) => row.settings }),
    changedAt: t.expose("changedAt", { type: "DateTime" }),
  }),
});

async function viewOf(ctx: Context, profile: PolicyProfile): Promise<ProfileView> {
  const row = await ctx.db.agencyProfile.findFirst({ where: { profileId: profile.id } });
  const parsed = profile.settings.safeParse(row?.settings ?? {});
  return {
    profile,
    enabled: row?.enabled ?? false,
    version: row?.version ?? null,
    settings: parsed.success ? parsed.data : profile.settings.parse({}),
  };
}

builder.queryField("policyProfiles", (t) =>
  t.field({
    type: [PolicyProfileRef],
    description: "Every installed policy profile, with your agency's choice and settings.",
    authScopes: { member: true },
    resolve: (_root, _args, ctx) => Promise.all(ctx.installedProfiles.all().map((profile) => viewOf(ctx, profile))),
  }),
);

builder.queryField("policyProfileHistory", (t) =>
  t.prismaField({
    type: [ProfileSettingsChange],
    description: "Every change to one profile's enablement and settings, newest first.",
    authScopes: { member: true },
    args: { profileId: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.agencyProfileChange.findMany({ ...query, where: { profileId: args.profileId }, orderBy: { changedAt: "desc" } }),
  }),
);

const ConfigureProfileInput = builder.inputType("ConfigureProfileInput", {
  fields: (t) => ({
    profileId: t.string({ required: true }),
    enabled: t.boolean({ required: true }),
    settings: t.field({ type: JsonScalar, required: false, description: "Omit to keep the current settings (or the defaults)." }),
    expectedVersion: t.int({
      required: false,
      description: "The settingsVersion you read; required once the profile has settings.",
    }),
  }),
});

builder.mutationField("configurePolicyProfile", (t) =>
  t.field({
    type: PolicyProfileRef,
    description:
      "Enables, re-configures or disables a policy profile for your agency; validated, audited and kept in the history.",
    authScopes: { role: [...PROFILE_ADMINS] },
    args: { input: t.arg({ type: ConfigureProfileInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const profile = ctx.installedProfiles.get(input.profileId);
      if (!profile)
        throw badUserInput([{ field: "input.profileId", message: `no installed profile is called "${input.profileId}"` }]);
      const view = await ctx.db.$transaction(async (tx) => {
        const current = await tx.agencyProfile.findFirst({ where: { profileId: profile.id } });
        if (current && input.expectedVersion != null && input.expectedVersion !== current.version) {
          throw conflict(`The profile settings were changed by someone else: they are at version ${current.version}.`, {
            currentVersion: current.version,
          });
        }
        const parsed = ctx.installedProfiles.parseSettings(profile.id, input.settings ?? current?.settings ?? {});
        if (!parsed.ok) throw badUserInput(parsed.problems.map((problem) => ({ ...problem, field: `input.${problem.field}` })));
        const settings = parsed.settings as object;
        const row = current
          ? await tx.agencyProfile.update({
              where: { id: current.id },
              data: { enabled: input.enabled, settings, version: { increment: 1 } },
            })
          : await tx.agencyProfile.create({ data: { agencyId: "", profileId: profile.id, enabled: input.enabled, settings } });
        await tx.agencyProfileChange.create({
          data: {
            agencyId: "",
            profileId: profile.id,
            version: row.version,
            enabled: row.enabled,
            settings,
            changedById: ctx.principal.kind === "member" ? ctx.principal.memberId : null,
          },
        });
        await recordAuditEvent(tx, ctx, {
          action: input.enabled ? "agency-profile.configure" : "agency-profile.disable",
          entityType: "AgencyProfile",
          entityId: row.id,
          before: current ? { enabled: current.enabled, settings: current.settings as object } : undefined,
          after: { enabled: row.enabled, settings },
        });
        return { profile, enabled: row.enabled, version: row.version, settings };
      });
      if (!view) throw notFound("The profile");
      return view;
    },
  }),
);
