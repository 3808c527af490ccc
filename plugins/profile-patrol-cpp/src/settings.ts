import { StakeholderKind } from "@roundtable/db";
import { z } from "zod";

/** The four parts every semi-annual update must contain (CPP-14 to CPP-17), by section key. */
export const REQUIRED_UPDATE_SECTIONS = [
  { key: "community-feedback", title: "Community feedback from surveys and meetings", clause: "CPP-14" },
  { key: "effectiveness", title: "Effectiveness of current efforts and changes to the implementation plan", clause: "CPP-15" },
  {
    key: "planned-responses",
    title: "New or modified planned responses, result-based or community-input-based",
    clause: "CPP-16",
  },
  { key: "community-sharing", title: "How the information was shared with the community", clause: "CPP-17" },
] as const;

/** What an agency can tune when it enables the patrol-station profile. Every value has a default. */
export const patrolCppSettings = z.object({
  /** CPP-13: "semi-annually". */
  updateIntervalMonths: z.number().int().min(1).max(24).default(6),
  /** CPP-11: how long critical feedback may wait for an answer. */
  criticalFeedbackAnswerDays: z.number().int().min(1).max(365).default(30),
  /** CPP-19: "at least eight hours". */
  minTrainingHours: z.number().min(0).max(200).default(8),
  /** CPP-19: count training in this many months back; 0 counts a member's whole career. */
  trainingWindowMonths: z.number().int().min(0).max(120).default(0),
  /** CPP-08: a station member with no community activity in this many months is flagged. */
  participationLookbackMonths: z.number().int().min(1).max(24).default(6),
  /** CPP-07: distrustful or hard-to-reach stakeholders with no contact in this many months are flagged. */
  outreachLookbackMonths: z.number().int().min(1).max(24).default(6),
  /** CPP-18: priorities not reviewed in this many months are flagged for re-evaluation. */
  priorityReviewMonths: z.number().int().min(1).max(24).default(6),
  /** CPP-02: the stakeholder kinds each station is expected to engage in every interval. */
  expectedStakeholderKinds: z
    .array(z.enum(StakeholderKind))
    .default([
      "CHURCH",
      "MOSQUE",
      "SYNAGOGUE",
      "ISSUE_ADVOCACY_GROUP",
      "FRATERNAL_ORGANIZATION",
      "CHAMBER_OF_COMMERCE",
      "CITY_GOVERNMENT",
      "NON_PROFIT",
    ]),
  /** CPP-18: an indicator of a station that worsens this many periods in a row asks for its priorities to be reassessed. */
  trendPeriods: z.number().int().min(2).max(12).default(3),
});

export type PatrolCppSettings = z.infer<typeof patrolCppSettings>;
