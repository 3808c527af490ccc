import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { badUserInput, userError } from "../errors.ts";
import { builder } from "./builder.ts";
import { FeedbackTopic } from "./feedback.ts";
import { agencyNamedIn } from "./feedback-agency-scope.ts";
import { PublicReceipt } from "./feedback-receipt.ts";
import { languageTag, optionalText, requiredText } from "./inputs/text.ts";
import { checkSurveyAnswers, type StoredAnswers } from "./survey-answer-check.ts";
import { findOpenSurvey } from "./survey-public.ts";

interface SurveyAnswerShape {
  questionId: string;
  value: string | null;
  values: string[];
}

const SurveyAnswer = builder.objectRef<SurveyAnswerShape>("SurveyAnswer").implement({
  description: "One answer of a response: `value` for TEXT, SINGLE_CHOICE and SCALE, `values` for MULTIPLE_CHOICE.",
  authScopes: { member: true },
  fields: (t) => ({
    questionId: t.id({ resolve: (answer) => encodeGlobalID("SurveyQuestion", answer.questionId) }),
    value: t.exposeString("value", { nullable: true }),
    values: t.exposeStringList("values"),
  }),
});

builder.prismaNode("SurveyResponse", {
  description: "One person's answers to a survey. Anonymous: no name, contact or address is kept.",
  id: { field: "id" },
  authScopes: { member: true },
  fields: (t) => ({
    survey: t.relation("survey"),
    language: t.exposeString("language", { nullable: true }),
    submittedAt: t.expose("submittedAt", { type: "DateTime" }),
    answers: t.field({
      type: [SurveyAnswer],
      resolve: (response) =>
        Object.entries(response.answers as StoredAnswers).map(([questionId, answer]) => ({
          questionId,
          value: Array.isArray(answer) ? null : answer,
          values: Array.isArray(answer) ? answer : [],
        })),
    }),
    comments: t.relation("feedback", { description: "The free-text comment left with the answers, as feedback." }),
  }),
});

const SurveyAnswerInput = builder.inputType("SurveyAnswerInput", {
  validate: z.looseObject({
    value: optionalText(2000).nullish(),
    values: z.array(optionalText(200)).max(30, "must list at most 30 choices").nullish(),
  }),
  fields: (t) => ({
    questionId: t.id({ required: true }),
    value: t.string({ required: false, description: "For TEXT, SINGLE_CHOICE and SCALE (1 to 5) questions." }),
    values: t.stringList({ required: false, description: "For MULTIPLE_CHOICE questions." }),
  }),
});

const SubmitSurveyResponseInput = builder.inputType("SubmitSurveyResponseInput", {
  validate: z.looseObject({
    agencySlug: requiredText(100),
    language: languageTag.nullish(),
    answers: z.array(z.unknown()).max(100, "must list at most 100 answers"),
    comment: optionalText(5000).nullish(),
  }),
  fields: (t) => ({
    agencySlug: t.string({ required: true }),
    surveyId: t.id({ required: true }),
    language: t.string({ required: false, description: "The language the survey was answered in; one of the survey's." }),
    answers: t.field({ type: [SurveyAnswerInput], required: true }),
    comment: t.string({ required: false, description: "Anything else to tell the agency; it becomes feedback." }),
    topic: t.field({ type: FeedbackTopic, required: false, description: "What the comment is about; OTHER if unsure." }),
  }),
});

builder.mutationField("submitSurveyResponse", (t) =>
  t.field({
    type: PublicReceipt,
    authScopes: { public: true },
    description: "Answers an open survey, without an account. Nothing identifying is kept.",
    args: { input: t.arg({ type: SubmitSurveyResponseInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const scope = await agencyNamedIn(ctx, input.agencySlug);
      return scope.db.$transaction(async (tx) => {
        const survey = await findOpenSurvey(tx, input.surveyId);
        if (!survey) {
          throw userError("NOT_FOUND", "input.surveyId: no open survey with this ID", {
            fields: [{ field: "input.surveyId", message: "no open survey with this ID" }],
          });
        }
        const { answers, problems } = checkSurveyAnswers(survey.questions, input.answers);
        if (input.language && !survey.languages.includes(input.language)) {
          problems.unshift({ field: "input.language", message: `must be one of ${survey.languages.join(", ")}` });
        }
        if (problems.length) throw badUserInput(problems);
        const response = await tx.surveyResponse.create({
          data: { agencyId: "", surveyId: survey.id, language: input.language ?? null, answers },
        });
        if (input.comment) {
          await tx.feedback.create({
            data: {
              agencyId: "",
              channel: "SURVEY",
              text: input.comment,
              topic: input.topic ?? "OTHER",
              language: input.language ?? null,
              unitId: survey.unitId,
              surveyResponseId: response.id,
            },
          });
        }
        await recordAuditEvent(tx, ctx, {
          action: "survey-response.submit",
          entityType: "SurveyResponse",
          entityId: response.id,
          after: { surveyId: survey.id, answered: Object.keys(answers).length, comment: Boolean(input.comment) },
        });
        return { referenceId: encodeGlobalID("SurveyResponse", response.id) };
      });
    },
  }),
);
