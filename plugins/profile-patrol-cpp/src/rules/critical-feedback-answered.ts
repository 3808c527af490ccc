import { defineRule } from "@roundtable/core";
import { daysAfter, isoDay } from "../periods.ts";
import type { PatrolCppSettings } from "../settings.ts";

/** CPP-11: comments critical of the department are listened to: each gets an answer within `criticalFeedbackAnswerDays`. */
export const criticalFeedbackAnswered = defineRule<PatrolCppSettings>({
  id: "patrol-cpp.critical-feedback-answered",
  title: "Critical feedback is answered in time",
  clauses: ["CPP-11"],
  triggers: ["feedback.*"],
  async evaluate({ db, settings, now }) {
    const cutoff = daysAfter(now, -settings.criticalFeedbackAnswerDays);
    const waiting = await db.feedback.findMany({
      where: {
        criticalOfDepartment: true,
        answeredAt: null,
        status: { notIn: ["ANSWERED", "CLOSED"] },
        receivedAt: { lte: cutoff },
      },
      include: { unit: { select: { name: true, commanderId: true } } },
      orderBy: { receivedAt: "asc" },
    });
    return waiting.map((feedback) => {
      const dueAt = daysAfter(feedback.receivedAt, settings.criticalFeedbackAnswerDays);
      return {
        severity: "WARNING" as const,
        subjectType: "Feedback",
        subjectId: feedback.id,
        unitId: feedback.unitId,
        memberId: feedback.unit?.commanderId ?? null,
        dueAt,
        message: `Critical feedback received on ${isoDay(feedback.receivedAt)}${feedback.unit ? ` for ${feedback.unit.name}` : ""} has had no answer; one was due on ${isoDay(dueAt)}.`,
      };
    });
  },
});
