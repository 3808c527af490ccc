import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { memberEmail, memberName } from "../domain/member-csv.ts";
import { conflict } from "../errors.ts";
import { AgencyKindRef, MemberKindRef } from "./admin-enum-refs.ts";
import { isUniqueViolation } from "./admin-unique-violation.ts";
import { builder } from "./builder.ts";
import { requiredText } from "./inputs/text.ts";

/** Only the people who run the hosted platform create agencies. */
const OPERATORS = { role: ["PLATFORM_OPERATOR" as const] };

const agencySlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,40}$/, "must be 2 to 40 lowercase letters, digits or dashes");

/** An IANA zone name, stored in its canonical spelling ("america/chicago" -> "America/Chicago"). */
const ianaTimeZone = z
  .string()
  .trim()
  .transform((zone, check) => {
    const canonical = canonicalTimeZone(zone);
    if (!canonical) check.addIssue({ code: "custom", message: 'must be an IANA time zone such as "America/Chicago"' });
    return canonical ?? zone;
  });

function canonicalTimeZone(zone: string): string | undefined {
  // Newer runtimes also accept fixed offsets such as "+02:00"; an agency's zone must be a
  // named one, so that its reports follow daylight saving time.
  if (!/^[A-Za-z]/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const FirstAdminInput = builder.inputType("AgencyFirstAdminInput", {
  description: "The agency's first AGENCY_ADMIN, who then invites everyone else.",
  fields: (t) => ({
    email: t.string({ required: true, description: "The address they sign in with." }),
    name: t.string({ required: true }),
    kind: t.field({ type: MemberKindRef, required: false, description: "Defaults to PROFESSIONAL." }),
  }),
});

const CreateAgencyInput = builder.inputType("CreateAgencyInput", {
  validate: z.looseObject({
    slug: agencySlug,
    name: requiredText(200),
    timeZone: ianaTimeZone,
    firstAdmin: z.looseObject({ email: memberEmail, name: memberName }),
  }),
  fields: (t) => ({
    slug: t.string({ required: true, description: "How tokens and the public name the agency: [a-z0-9-]{2,40}, unique." }),
    name: t.string({ required: true }),
    kind: t.field({ type: AgencyKindRef, required: true }),
    timeZone: t.string({ required: true, description: 'IANA time zone, e.g. "America/Chicago".' }),
    firstAdmin: t.field({ type: FirstAdminInput, required: true }),
  }),
});

const CreateAgencyPayload = builder.objectRef<{ agencyId: string; adminId: string }>("CreateAgencyPayload").implement({
  description: "The new agency, read in its own scope: the operator's requests are scoped to their own agency.",
  authScopes: OPERATORS,
  fields: (t) => ({
    agency: t.prismaField({
      type: "Agency",
      resolve: (query, payload, _args, ctx) =>
        ctx.platform.withinAgency(payload.agencyId, (db) => db.agency.findFirstOrThrow({ ...query })),
    }),
    firstAdmin: t.prismaField({
      type: "Member",
      resolve: (query, payload, _args, ctx) =>
        ctx.platform.withinAgency(payload.agencyId, (db) =>
          db.member.findUniqueOrThrow({ ...query, where: { id: payload.adminId } }),
        ),
    }),
  }),
});

builder.mutationField("createAgency", (t) =>
  t.field({
    type: CreateAgencyPayload,
    description: "Opens a new agency on the platform with its first admin, who can sign in at once.",
    authScopes: OPERATORS,
    args: { input: t.arg({ type: CreateAgencyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      try {
        return await ctx.platform.createAgency(input, async (db, ids) => {
          await recordAuditEvent(db, ctx, {
            action: "agency.create",
            entityType: "Agency",
            entityId: ids.agencyId,
            after: { slug: input.slug, name: input.name, kind: input.kind, timeZone: input.timeZone },
          });
          // The admin's name and email are personal data: the trail names the record only.
          await recordAuditEvent(db, ctx, {
            action: "member.create",
            entityType: "Member",
            entityId: ids.adminId,
            after: { roles: ["AGENCY_ADMIN"] },
          });
          return ids;
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict("input.slug: already taken", { fields: [{ field: "input.slug", message: "already taken" }] });
        }
        throw error;
      }
    },
  }),
);
