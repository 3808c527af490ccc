import type { FieldProblem } from "../errors.ts";
import { decodeIdOf } from "./global-id.ts";

/** A question as the check needs it. */
export interface QuestionToAnswer {
  id: string;
  position: number;
  prompt: string;
  kind: "TEXT" | "SINGLE_CHOICE" | "MULTIPLE_CHOICE" | "SCALE";
  options: string[];
  required: boolean;
}

/** An answer as the public sends it: `value` for TEXT, SINGLE_CHOICE and SCALE, `values` for MULTIPLE_CHOICE. */
export interface GivenAnswer {
  questionId: string;
  value?: string | null | undefined;
  values?: string[] | null | undefined;
}

/** What a response stores: question id to a string, or a list for multiple choice. */
export type StoredAnswers = Record<string, string | string[]>;

const SCALE = /^[1-5]$/;

/**
 * Checks answers against the survey's questions, naming every problem by its place in the
 * input (`input.answers.2.value: must be one of ...`). Blank answers count as unanswered.
 *
 * @example
 * const { answers, problems } = checkSurveyAnswers(survey.questions, input.answers);
 * if (problems.length) throw badUserInput(problems);
 */
export function checkSurveyAnswers(
  questions: QuestionToAnswer[],
  given: GivenAnswer[],
): { answers: StoredAnswers; problems: FieldProblem[] } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const answers: StoredAnswers = {};
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  const faulty = new Set<string>();
  given.forEach((answer, index) => {
    const field = `input.answers.${index}`;
    const question = byId.get(decodeIdOf("SurveyQuestion", answer.questionId) ?? "");
    if (!question) {
      problems.push({ field: `${field}.questionId`, message: "is not a question of this survey" });
      return;
    }
    if (seen.has(question.id)) {
      problems.push({ field: `${field}.questionId`, message: `answers question ${question.position} a second time` });
      return;
    }
    seen.add(question.id);
    const checked = checkOne(question, answer, field);
    problems.push(...checked.problems);
    if (checked.problems.length) faulty.add(question.id);
    if (checked.answer !== undefined) answers[question.id] = checked.answer;
  });
  for (const question of questions) {
    // A required question answered wrongly already has its problem named; a blank or missing one gets this.
    if (question.required && answers[question.id] === undefined && !faulty.has(question.id)) {
      problems.push({
        field: "input.answers",
        message: `must answer question ${question.position} ("${short(question.prompt)}")`,
      });
    }
  }
  return { answers, problems };
}

function checkOne(
  question: QuestionToAnswer,
  answer: GivenAnswer,
  field: string,
): { answer?: string | string[]; problems: FieldProblem[] } {
  const value = answer.value?.trim() ?? "";
  const values = (answer.values ?? []).map((choice) => choice.trim());
  const problems: FieldProblem[] = [];
  if (question.kind === "MULTIPLE_CHOICE") {
    if (value) problems.push({ field: `${field}.value`, message: "must be empty for a MULTIPLE_CHOICE question; send values" });
    const chosen = new Set<string>();
    values.forEach((choice, index) => {
      if (!question.options.includes(choice)) {
        problems.push({ field: `${field}.values.${index}`, message: `must be one of ${question.options.join(", ")}` });
      } else if (chosen.has(choice)) {
        problems.push({ field: `${field}.values.${index}`, message: "is chosen twice" });
      }
      chosen.add(choice);
    });
    return problems.length || values.length === 0 ? { problems } : { answer: values, problems };
  }
  if (values.length)
    problems.push({ field: `${field}.values`, message: `must be empty for a ${question.kind} question; send value` });
  if (value && question.kind === "SINGLE_CHOICE" && !question.options.includes(value)) {
    problems.push({ field: `${field}.value`, message: `must be one of ${question.options.join(", ")}` });
  }
  if (value && question.kind === "SCALE" && !SCALE.test(value)) {
    problems.push({ field: `${field}.value`, message: "must be a whole number from 1 to 5" });
  }
  return problems.length || !value ? { problems } : { answer: value, problems };
}

const short = (prompt: string) => (prompt.length > 60 ? `${prompt.slice(0, 57)}...` : prompt);
