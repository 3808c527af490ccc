import type { PolicyProfile } from "@roundtable/core";
import type { AnnualEngagementReportSettings } from "../settings.ts";
import { coordinatorDesignationSchema } from "./coordinator-designation.ts";
import { strategyAreaReasonSchema } from "./strategy-area-reason.ts";

/** What the profile adds to the API; every field answers only where the agency enabled it. */
export const annualEngagementReportSchema: NonNullable<PolicyProfile<AnnualEngagementReportSettings>["schema"]> = (builder) => {
  coordinatorDesignationSchema(builder);
  strategyAreaReasonSchema(builder);
};
