import { z } from "zod";
import { builder } from "./builder.ts";
import { optionalText } from "./inputs/text.ts";

// The A of SARA: the problem triangle of offender, victim and place. Stored as three
// columns on Problem; read and written as one object.

interface Analysis {
  offender: string | null;
  victim: string | null;
  place: string | null;
}

export const ProblemAnalysis = builder.objectRef<Analysis>("ProblemAnalysis").implement({
  description: "The problem triangle: who offends, who is harmed, and where it happens.",
  authScopes: { member: true },
  fields: (t) => ({
    offender: t.exposeString("offender", { nullable: true }),
    victim: t.exposeString("victim", { nullable: true }),
    place: t.exposeString("place", { nullable: true }),
  }),
});

export const ProblemAnalysisInput = builder.inputType("ProblemAnalysisInput", {
  description: "The problem triangle; an omitted side is left as it is, null clears it.",
  fields: (t) => ({
    offender: t.string({ required: false }),
    victim: t.string({ required: false }),
    place: t.string({ required: false }),
  }),
});

/** The triangle's part of a problem input's validation. */
export const analysisFields = z
  .looseObject({
    offender: optionalText(4000).nullish(),
    victim: optionalText(4000).nullish(),
    place: optionalText(4000).nullish(),
  })
  .nullish();

/** A problem row's triangle. */
export function analysisOf(problem: {
  analysisOffender: string | null;
  analysisVictim: string | null;
  analysisPlace: string | null;
}) {
  return { offender: problem.analysisOffender, victim: problem.analysisVictim, place: problem.analysisPlace };
}

/** The triangle's columns for the sides the input names (undefined leaves a side as it is). */
export function analysisData(analysis: typeof ProblemAnalysisInput.$inferInput | null | undefined) {
  return {
    ...(analysis?.offender !== undefined && { analysisOffender: analysis.offender }),
    ...(analysis?.victim !== undefined && { analysisVictim: analysis.victim }),
    ...(analysis?.place !== undefined && { analysisPlace: analysis.place }),
  };
}
