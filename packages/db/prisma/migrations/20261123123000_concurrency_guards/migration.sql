-- Database backstops for "once" rules the application enforces under the agency's row lock
-- (see core/src/audit/lock-agency-row.ts): written here as SQL because Prisma's schema has
-- no partial or NULLS NOT DISTINCT unique indexes.

-- A member checks in to a meeting once; attendees without a member record (name + code) may repeat.
CREATE UNIQUE INDEX "ActivityCheckIn_once_per_member"
  ON "ActivityCheckIn" ("agencyId", "activityId", "memberId")
  WHERE "memberId" IS NOT NULL;

-- One report per template, period and unit; the agency-wide report (no unit) counts as one too.
CREATE UNIQUE INDEX "Report_once_per_period"
  ON "Report" ("agencyId", "templateKey", "periodStart", "unitId") NULLS NOT DISTINCT;
