import annualEngagementReport from "@roundtable/profile-annual-engagement-report";
import patrolCpp from "@roundtable/profile-patrol-cpp";
import { defineDeployment } from "@roundtable/server";

/**
 * The policy profiles this deployment installs. Each agency then enables the ones for the
 * policies it adopted (configurePolicyProfile), with its own settings.
 */
export default defineDeployment({
  profiles: [patrolCpp, annualEngagementReport],
  complianceSweepMinutes: 60,
});
