import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";
import { idFromInput, requireRows } from "./references.ts";
import { SURVEY_EDITORS, SurveyPayload } from "./survey.ts";
import { updateVersioned } from "./versioned-update.ts";

builder.mutationField("openSurvey", (t) =>
  t.field({
    type: SurveyPayload,
    authScopes: { role: SURVEY_EDITORS },
    description:
      "Starts taking answers from the public (from opensAt, if that is still ahead). A CLOSED survey may be opened again.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = idFromInput("Survey", args.id, "id");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { id: ["survey", id] });
        const survey = await tx.survey.findUniqueOrThrow({ where: { id }, include: { _count: { select: { questions: true } } } });
        const now = new Date();
        const problem =
          survey.status === "OPEN"
            ? "the survey is already OPEN"
            : survey._count.questions === 0
              ? "the survey has no questions yet"
              : survey.closesAt && survey.closesAt <= now
                ? "the survey's closesAt has passed; move it with updateSurvey first"
                : undefined;
        if (problem) throw badUserInput([{ field: "id", message: problem }]);
        await updateVersioned(tx.survey, id, survey.version, { status: "OPEN", opensAt: survey.opensAt ?? now }, "The survey");
        await recordAuditEvent(tx, ctx, {
          action: "survey.open",
          entityType: "Survey",
          entityId: id,
          before: { status: survey.status },
          after: { status: "OPEN" },
        });
        return { id };
      });
    },
  }),
);

builder.mutationField("closeSurvey", (t) =>
  t.field({
    type: SurveyPayload,
    authScopes: { role: SURVEY_EDITORS },
    description: "Stops taking answers; the answers stay.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = idFromInput("Survey", args.id, "id");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { id: ["survey", id] });
        const survey = await tx.survey.findUniqueOrThrow({ where: { id } });
        if (survey.status !== "OPEN") throw badUserInput([{ field: "id", message: `the survey is ${survey.status}, not OPEN` }]);
        const now = new Date();
        // Record when it really closed, unless it was announced to close earlier, or never opened.
        const closedEarly = (!survey.closesAt || survey.closesAt > now) && (!survey.opensAt || survey.opensAt < now);
        await updateVersioned(
          tx.survey,
          id,
          survey.version,
          { status: "CLOSED", ...(closedEarly && { closesAt: now }) },
          "The survey",
        );
        await recordAuditEvent(tx, ctx, {
          action: "survey.close",
          entityType: "Survey",
          entityId: id,
          before: { status: survey.status },
          after: { status: "CLOSED" },
        });
        return { id };
      });
    },
  }),
);
