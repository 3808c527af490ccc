import { z } from "zod";

/** Roles an agency may name as the annual report's approver. The policy names the Chief/Sheriff (CE-06). */
export const APPROVER_ROLES = ["CHIEF", "AGENCY_ADMIN", "UNIT_COMMANDER"] as const;

/** `MM-DD` of a day that exists in every year (no 29 February, so the deadline never moves). */
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'must be a day written MM-DD, such as "03-31"')
  .refine((value) => {
    const [month, day] = value.split("-").map(Number) as [number, number];
    const date = new Date(Date.UTC(2001, month - 1, day));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, "must be a day that exists in every year");

/** What an agency can tune when it enables the annual-engagement-report profile. Every value has a default. */
export const annualEngagementReportSettings = z.object({
  /** CE-06: who approves the annual report ("the Chief of Police/Sheriff"). */
  approverRole: z.enum(APPROVER_ROLES).default("CHIEF"),
  /** CE-06: the report for a year must be approved by this day after the year ends. */
  dueMonthDay: monthDay.default("03-31"),
  /** The month a report year starts in: 1 for calendar years, 7 for a July-June fiscal year. */
  reportYearStartMonth: z.number().int().min(1).max(12).default(1),
  /** CE-04: an area a-i with no strategy needs a recorded reason; false stops asking for one. */
  requireReasonForEmptyAreas: z.boolean().default(true),
});

export type AnnualEngagementReportSettings = z.infer<typeof annualEngagementReportSettings>;
