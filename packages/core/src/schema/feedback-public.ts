import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { builder } from "./builder.ts";
import { FeedbackTopic } from "./feedback.ts";
import { agencyNamedIn } from "./feedback-agency-scope.ts";
import { PublicReceipt } from "./feedback-receipt.ts";
import { languageTag, optionalText, requiredText } from "./inputs/text.ts";
import { optionalIdFromInput, requireRows } from "./references.ts";

const SubmitFeedbackInput = builder.inputType("SubmitFeedbackInput", {
  validate: z.looseObject({
    agencySlug: requiredText(100),
    text: requiredText(5000),
    language: languageTag.nullish(),
    name: optionalText(200).nullish(),
    contact: optionalText(200).nullish(),
  }),
  fields: (t) => ({
    agencySlug: t.string({ required: true }),
    text: t.string({ required: true, description: "What you want the agency to know (up to 5000 characters)." }),
    topic: t.field({ type: FeedbackTopic, required: false, description: "OTHER if unsure." }),
    language: t.string({ required: false, description: "The language you wrote in, if not English." }),
    unitId: t.id({ required: false, description: "The station or unit it concerns, if you know it." }),
    name: t.string({ required: false, description: "Leave empty to stay anonymous." }),
    contact: t.string({ required: false, description: "An email or phone number, only if you want an answer." }),
  }),
});

builder.mutationField("submitFeedback", (t) =>
  t.field({
    type: PublicReceipt,
    authScopes: { public: true },
    description: "Tells an agency something, without an account. Anonymous unless a name is given.",
    args: { input: t.arg({ type: SubmitFeedbackInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      const scope = await agencyNamedIn(ctx, input.agencySlug);
      return scope.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.unitId": ["orgUnit", unitId] });
        const row = await tx.feedback.create({
          data: {
            agencyId: "",
            channel: "ONLINE",
            text: input.text,
            topic: input.topic ?? "OTHER",
            language: input.language ?? null,
            unitId: unitId ?? null,
            submitterName: input.name || null,
            submitterContact: input.contact || null,
          },
        });
        // Neither the text nor who sent it goes into the audit trail.
        await recordAuditEvent(tx, ctx, {
          action: "feedback.submit",
          entityType: "Feedback",
          entityId: row.id,
          after: { channel: row.channel, topic: row.topic, anonymous: !row.submitterName },
        });
        return { referenceId: encodeGlobalID("Feedback", row.id) };
      });
    },
  }),
);
