import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { badUserInput } from "../errors.ts";
import { builder } from "./builder.ts";
import { expectedVersion, languageTags, optionalText, requiredText } from "./inputs/text.ts";
import { idFromInput, optionalIdFromInput, requireRows } from "./references.ts";
import { SURVEY_EDITORS, SurveyPayload } from "./survey.ts";
import { questionRows, SurveyQuestionInput, surveyQuestionList } from "./survey-question-input.ts";
import { updateVersioned } from "./versioned-update.ts";

const surveyFields = {
  title: requiredText(200),
  description: optionalText(4000).nullish(),
  languages: languageTags.min(1, "must list at least one language").nullish(),
  questions: surveyQuestionList.nullish(),
};

/** A survey closes after it opens; checked on the input and again on the row it produces. */
const closesAfterOpens = ({ opensAt, closesAt }: Record<string, unknown>) =>
  !(opensAt instanceof Date && closesAt instanceof Date) || closesAt > opensAt;

const CreateSurveyInput = builder.inputType("CreateSurveyInput", {
  validate: z.looseObject(surveyFields).refine(closesAfterOpens, { path: ["closesAt"], message: "must be after opensAt" }),
  fields: (t) => ({
    title: t.string({ required: true }),
    description: t.string({ required: false }),
    unitId: t.id({ required: false, description: "The unit the survey is for; none for the whole agency." }),
    opensAt: t.field({ type: "DateTime", required: false }),
    closesAt: t.field({ type: "DateTime", required: false }),
    languages: t.stringList({ required: false, description: 'Defaults to ["en"].' }),
    questions: t.field({ type: [SurveyQuestionInput], required: false }),
  }),
});

builder.mutationField("createSurvey", (t) =>
  t.field({
    type: SurveyPayload,
    authScopes: { role: SURVEY_EDITORS },
    description: "Writes a new survey as a DRAFT; open it with openSurvey.",
    args: { input: t.arg({ type: CreateSurveyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.unitId": ["orgUnit", unitId] });
        const survey = await tx.survey.create({
          data: {
            agencyId: "",
            title: input.title,
            description: input.description ?? null,
            unitId: unitId ?? null,
            opensAt: input.opensAt ?? null,
            closesAt: input.closesAt ?? null,
            languages: input.languages ?? ["en"],
          },
        });
        const questions = input.questions ?? [];
        if (questions.length) await tx.surveyQuestion.createMany({ data: questionRows(survey.id, questions) });
        await recordAuditEvent(tx, ctx, {
          action: "survey.create",
          entityType: "Survey",
          entityId: survey.id,
          after: { title: survey.title, questions: questions.length },
        });
        return { id: survey.id };
      });
    },
  }),
);

const UpdateSurveyInput = builder.inputType("UpdateSurveyInput", {
  validate: z
    .looseObject({ ...surveyFields, title: surveyFields.title.nullish(), expectedVersion })
    .refine(closesAfterOpens, { path: ["closesAt"], message: "must be after opensAt" }),
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: "The version you read; a stale one is refused with CONFLICT." }),
    title: t.string({ required: false }),
    description: t.string({ required: false }),
    unitId: t.id({ required: false, description: "Null makes it a survey for the whole agency." }),
    opensAt: t.field({ type: "DateTime", required: false }),
    closesAt: t.field({ type: "DateTime", required: false }),
    languages: t.stringList({ required: false }),
    questions: t.field({
      type: [SurveyQuestionInput],
      required: false,
      description: "Replaces every question; only while the survey is a DRAFT (answers refer to the questions).",
    }),
  }),
});

builder.mutationField("updateSurvey", (t) =>
  t.field({
    type: SurveyPayload,
    authScopes: { role: SURVEY_EDITORS },
    args: { input: t.arg({ type: UpdateSurveyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idFromInput("Survey", input.id, "input.id");
      const unitId = optionalIdFromInput("OrgUnit", input.unitId, "input.unitId");
      return ctx.db.$transaction(async (tx) => {
        await requireRows(tx, { "input.id": ["survey", id], "input.unitId": ["orgUnit", unitId] });
        const data = {
          ...(input.title != null && { title: input.title }),
          ...(input.description !== undefined && { description: input.description }),
          ...(unitId !== undefined && { unitId }),
          ...(input.opensAt !== undefined && { opensAt: input.opensAt }),
          ...(input.closesAt !== undefined && { closesAt: input.closesAt }),
          ...(input.languages != null && { languages: input.languages }),
        };
        // Check what the update produced, so a stale version reports CONFLICT first and any
        // refusal below rolls the whole change back.
        const survey = await updateVersioned(tx.survey, id, input.expectedVersion, data, "The survey");
        if (!closesAfterOpens(survey)) {
          const field = input.closesAt !== undefined ? "input.closesAt" : "input.opensAt";
          const message = field === "input.closesAt" ? "must be after opensAt" : "must be before closesAt";
          throw badUserInput([{ field, message }]);
        }
        if (input.questions) {
          if (survey.status !== "DRAFT") {
            throw badUserInput([
              { field: "input.questions", message: `can only change while the survey is a DRAFT; it is ${survey.status}` },
            ]);
          }
          await tx.surveyQuestion.deleteMany({ where: { surveyId: id } });
          await tx.surveyQuestion.createMany({ data: questionRows(id, input.questions) });
        }
        await recordAuditEvent(tx, ctx, {
          action: "survey.update",
          entityType: "Survey",
          entityId: id,
          after: { fields: [...Object.keys(data), ...(input.questions ? ["questions"] : [])] },
        });
        return { id };
      });
    },
  }),
);
