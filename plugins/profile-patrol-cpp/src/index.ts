import { definePolicyProfile } from "@roundtable/core";
import { planUpdateReport } from "./reports/plan-update.ts";
import { collaborativeProblemSolving } from "./rules/collaborative-problem-solving.ts";
import { criticalFeedbackAnswered } from "./rules/critical-feedback-answered.ts";
import { distrustfulOutreach } from "./rules/distrustful-outreach.ts";
import { languageAccess } from "./rules/language-access.ts";
import { memberParticipation } from "./rules/member-participation.ts";
import { planRestsOnCommunityInput } from "./rules/plan-rests-on-community-input.ts";
import { planRevisionDue } from "./rules/plan-revision-due.ts";
import { preventionBeforeEnforcement } from "./rules/prevention-before-enforcement.ts";
import { prioritiesReassessedOnTrends } from "./rules/priorities-reassessed-on-trends.ts";
import { prioritiesReviewed } from "./rules/priorities-reviewed.ts";
import { revisionHasRequiredParts } from "./rules/revision-has-required-parts.ts";
import { stakeholderKindsEngaged } from "./rules/stakeholder-kinds-engaged.ts";
import { stationPlan } from "./rules/station-plan.ts";
import { trainingHours } from "./rules/training-hours.ts";
import { patrolCppSchema } from "./schema.ts";
import { type PatrolCppSettings, patrolCppSettings } from "./settings.ts";

export { type PatrolCppSettings, patrolCppSettings, REQUIRED_UPDATE_SECTIONS } from "./settings.ts";

/**
 * Community Policing Plans for patrol stations (policy 3-01/110.00): every station keeps a
 * plan built on community input, updates it every six months with its four parts, solves
 * problems prevention-first with partners, answers critical comments, makes meetings
 * reachable in other languages, and every member has eight hours of training.
 */
export default definePolicyProfile<PatrolCppSettings>({
  id: "patrol-cpp",
  version: "1.0.0",
  title: "Community Policing Plans for patrol stations",
  description: "Policy 3-01/110.00, Community Policing and Engagement.",
  settings: patrolCppSettings,
  rules: [
    stationPlan,
    planRestsOnCommunityInput,
    planRevisionDue,
    revisionHasRequiredParts,
    preventionBeforeEnforcement,
    criticalFeedbackAnswered,
    languageAccess,
    memberParticipation,
    trainingHours,
    distrustfulOutreach,
    collaborativeProblemSolving,
    prioritiesReviewed,
    prioritiesReassessedOnTrends,
    stakeholderKindsEngaged,
  ],
  reports: [planUpdateReport],
  schema: patrolCppSchema,
});
