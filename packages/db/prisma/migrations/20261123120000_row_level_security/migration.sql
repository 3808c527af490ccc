-- Row-level security: the database's own tenant wall, behind the application's scoped client.
--
-- Every table with an "agencyId" shows and accepts only the rows of the agency named by the
-- transaction-local setting roundtable.agency_id. With no setting, or the '' a pooled
-- connection reads after an earlier transaction set it, NULLIF makes the comparison NULL and
-- no row matches: the policy fails closed. FORCE applies the policies to the tables' owner
-- as well; only superusers and BYPASSRLS roles (backup tooling) are not subject to them.
--
-- The application logs in as a member of roundtable_app: it owns nothing, cannot bypass RLS
-- and may not change or delete audit rows. Migrations run as the owner of the schema.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'roundtable_app') THEN
    CREATE ROLE roundtable_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION
  -- Another database of the same cluster created it at the same moment.
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'the role roundtable_app does not exist and this migration may not create it'
      USING HINT = 'create it once as a superuser: CREATE ROLE roundtable_app NOLOGIN NOBYPASSRLS; see docs/deployment.md';
END
$$;

GRANT USAGE ON SCHEMA public TO roundtable_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO roundtable_app;
REVOKE ALL ON "_prisma_migrations" FROM roundtable_app;
GRANT SELECT ON "_prisma_migrations" TO roundtable_app;
-- Tables later migrations create (as the same owner) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO roundtable_app;

-- The audit trail is append-only: the application may add and read rows, never change them,
-- and a trigger refuses changes from every other role too (the owner included).
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM roundtable_app;
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

ALTER TABLE "Activity" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Activity" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Activity"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ActivityCheckIn" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ActivityCheckIn" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ActivityCheckIn"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ActivityFollowUp" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ActivityFollowUp" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ActivityFollowUp"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ActivityParticipant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ActivityParticipant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ActivityParticipant"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ActivityStakeholder" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ActivityStakeholder" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ActivityStakeholder"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "AgencyProfile" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AgencyProfile" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AgencyProfile"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "AgencyProfileChange" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AgencyProfileChange" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AgencyProfileChange"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ApiToken" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ApiToken" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ApiToken"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "AuditEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AuditEvent"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "CoordinatorDesignation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CoordinatorDesignation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CoordinatorDesignation"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "EngagementStrategy" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "EngagementStrategy" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "EngagementStrategy"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Feedback" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Feedback" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Feedback"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Finding" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Finding" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Finding"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Indicator" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Indicator" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Indicator"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "LanguageRequest" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LanguageRequest" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "LanguageRequest"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Member" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Member" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Member"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Observation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Observation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Observation"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "OrgUnit" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OrgUnit" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OrgUnit"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Plan" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Plan" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Plan"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "PlanRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PlanRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PlanRevision"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "PlanSection" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PlanSection" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PlanSection"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Priority" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Priority" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Priority"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "PriorityFeedback" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PriorityFeedback" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "PriorityFeedback"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Problem" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Problem" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Problem"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ProblemResponse" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ProblemResponse" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ProblemResponse"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Report" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Report" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Report"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ReportDecision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportDecision" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportDecision"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ReportVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReportVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ReportVersion"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "ResponsePartner" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ResponsePartner" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ResponsePartner"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Stakeholder" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Stakeholder" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Stakeholder"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "StakeholderContact" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StakeholderContact" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StakeholderContact"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "StrategyAreaReason" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StrategyAreaReason" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "StrategyAreaReason"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "Survey" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Survey" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Survey"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "SurveyQuestion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SurveyQuestion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "SurveyQuestion"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "SurveyResponse" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SurveyResponse" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "SurveyResponse"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "TrainingCourse" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TrainingCourse" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "TrainingCourse"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

ALTER TABLE "TrainingRecord" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "TrainingRecord" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "TrainingRecord"
  USING ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid)
  WITH CHECK ("agencyId" = NULLIF(current_setting('roundtable.agency_id', true), '')::uuid);

