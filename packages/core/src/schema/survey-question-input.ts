import { z } from "zod";
import { builder } from "./builder.ts";
import { requiredText } from "./inputs/text.ts";
import { QuestionKind } from "./survey.ts";

const CHOICE_KINDS = new Set(["SINGLE_CHOICE", "MULTIPLE_CHOICE"]);

/**
 * A question as written: choice questions need their options, the other kinds take none
 * (a SCALE is always answered 1 to 5), so a survey cannot be published that nobody can answer.
 */
const questionSchema = z
  .looseObject({
    prompt: requiredText(500),
    options: z.array(requiredText(200)).max(30, "must list at most 30 options").nullish(),
  })
  .superRefine((question, issues) => {
    const kind = String(question.kind);
    const options = question.options ?? [];
    if (CHOICE_KINDS.has(kind) && options.length === 0) {
      issues.addIssue({ code: "custom", path: ["options"], message: `must list at least one option for a ${kind} question` });
    }
    if (!CHOICE_KINDS.has(kind) && options.length > 0) {
      const why = kind === "SCALE" ? " (it is answered 1 to 5)" : "";
      issues.addIssue({ code: "custom", path: ["options"], message: `must be empty for a ${kind} question${why}` });
    }
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option)) issues.addIssue({ code: "custom", path: ["options", index], message: "is listed twice" });
      seen.add(option);
    });
  });

export const SurveyQuestionInput = builder.inputType("SurveyQuestionInput", {
  validate: questionSchema,
  fields: (t) => ({
    prompt: t.string({ required: true }),
    kind: t.field({ type: QuestionKind, required: true }),
    options: t.stringList({ required: false }),
    required: t.boolean({ required: false, defaultValue: false }),
  }),
});

/** At most this many questions: a survey people finish. */
export const surveyQuestionList = z.array(z.unknown()).max(50, "must list at most 50 questions");

/** The rows for a survey's questions, positioned 1..n in the order given. */
export function questionRows(surveyId: string, questions: (typeof SurveyQuestionInput.$inferInput)[]) {
  return questions.map((question, index) => ({
    agencyId: "",
    surveyId,
    position: index + 1,
    prompt: question.prompt.trim(),
    kind: question.kind,
    options: (question.options ?? []).map((option) => option.trim()),
    required: question.required ?? false,
  }));
}
