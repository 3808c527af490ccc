import type { DemoContext, DemoStep } from "./demo-context.ts";
import { type DemoFeedback, type DemoSurvey, FEEDBACK, PRIORITIES, SURVEYS } from "./demo-feedback-and-priorities-data.ts";

/**
 * Each agency's open survey with a few anonymous responses, feedback across channels, topics
 * and languages (with critical comments both answered and still waiting, CPP-11), and ranked
 * priorities backed by that feedback (CPP-06).
 */
export const seedFeedbackAndPriorities: DemoStep = async (demo) => {
  const feedbackIds = new Map<string, string>();
  const surveyComment = await seedSurvey(demo, SURVEYS[demo.agency.slug]);
  if (surveyComment) feedbackIds.set("survey-comment", surveyComment);
  for (const item of FEEDBACK[demo.agency.slug] ?? []) {
    const id = await seedFeedback(demo, item);
    if (item.key) feedbackIds.set(item.key, id);
  }
  for (const [index, priority] of (PRIORITIES[demo.agency.slug] ?? []).entries()) {
    const row = await demo.tx.priority.create({
      data: {
        agencyId: demo.agency.id,
        unitId: unitOf(demo, priority.unit),
        title: priority.title,
        description: priority.description,
        rank: index + 1,
      },
    });
    await demo.tx.priorityFeedback.createMany({
      data: priority.backedBy.map((key) => ({ agencyId: demo.agency.id, priorityId: row.id, feedbackId: feedbackIds.get(key)! })),
    });
  }
};

/** Creates the survey, its questions and responses; returns the feedback id of the first comment. */
async function seedSurvey({ tx, agency, units }: DemoContext, survey: DemoSurvey | undefined): Promise<string | undefined> {
  if (!survey) return undefined;
  const unitId = survey.unit ? (units.get(survey.unit) ?? null) : null;
  const row = await tx.survey.create({
    data: {
      agencyId: agency.id,
      title: survey.title,
      description: survey.description,
      unitId,
      status: "OPEN",
      opensAt: new Date(survey.opensAt),
      languages: survey.languages,
      version: 2,
      createdAt: new Date(Date.parse(survey.opensAt) - 7 * 86_400_000),
    },
  });
  const questionIds: string[] = [];
  for (const [index, question] of survey.questions.entries()) {
    const created = await tx.surveyQuestion.create({
      data: { agencyId: agency.id, surveyId: row.id, position: index + 1, ...question, options: question.options ?? [] },
    });
    questionIds.push(created.id);
  }
  let commentId: string | undefined;
  for (const response of survey.responses) {
    const answers = Object.fromEntries(
      response.answers.flatMap((answer, index) => (answer === null ? [] : [[questionIds[index]!, answer]])),
    );
    const at = new Date(response.at);
    const created = await tx.surveyResponse.create({
      data: { agencyId: agency.id, surveyId: row.id, language: response.language, answers, submittedAt: at },
    });
    if (!response.comment) continue;
    const comment = await tx.feedback.create({
      data: {
        agencyId: agency.id,
        channel: "SURVEY",
        text: response.comment,
        topic: "QUALITY_OF_LIFE",
        language: response.language,
        unitId,
        surveyResponseId: created.id,
        receivedAt: at,
        createdAt: at,
      },
    });
    commentId ??= comment.id;
  }
  return commentId;
}

async function seedFeedback(demo: DemoContext, item: DemoFeedback): Promise<string> {
  const { tx, agency, members } = demo;
  const unitId = item.unit ? unitOf(demo, item.unit) : null;
  const meeting = item.atMeeting
    ? await tx.activity.findFirst({
        where: { agencyId: agency.id, unitId, kind: "COMMUNITY_MEETING" },
        orderBy: [{ startsAt: "asc" }, { title: "asc" }],
        select: { id: true },
      })
    : null;
  const at = new Date(item.at);
  const row = await tx.feedback.create({
    data: {
      agencyId: agency.id,
      channel: item.channel,
      text: item.text,
      topic: item.topic,
      language: item.language,
      criticalOfDepartment: item.critical ?? false,
      status: item.status,
      unitId,
      activityId: meeting?.id ?? null,
      submitterName: item.submitter?.name ?? null,
      submitterContact: item.submitter?.contact ?? null,
      receivedAt: at,
      createdAt: at,
      ...(item.answer && {
        answer: item.answer.text,
        answeredAt: new Date(item.answer.at),
        answeredById: members.get(item.answer.by) ?? null,
        version: 2,
      }),
    },
  });
  return row.id;
}

function unitOf({ units }: DemoContext, name: string): string {
  const id = units.get(name);
  if (!id) throw new Error(`demo feedback: no unit named ${name}`);
  return id;
}
