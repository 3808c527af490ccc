-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('COMMUNITY_MEETING', 'EVENT', 'OUTREACH', 'YOUTH_PROGRAM_SESSION', 'ACADEMY_CLASS', 'OTHER');

-- CreateEnum
CREATE TYPE "SurveyStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "QuestionKind" AS ENUM ('TEXT', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'SCALE');

-- CreateEnum
CREATE TYPE "FeedbackChannel" AS ENUM ('MEETING', 'SURVEY', 'ONLINE', 'PHONE', 'EMAIL', 'IN_PERSON', 'OTHER');

-- CreateEnum
CREATE TYPE "FeedbackTopic" AS ENUM ('PUBLIC_SAFETY', 'QUALITY_OF_LIFE', 'OTHER');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED');

-- CreateEnum
CREATE TYPE "PriorityStatus" AS ENUM ('ACTIVE', 'RETIRED');

-- CreateEnum
CREATE TYPE "RevisionStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('SCANNING', 'ANALYSIS', 'RESPONSE', 'ASSESSMENT', 'CLOSED');

-- CreateEnum
CREATE TYPE "ResponseKind" AS ENUM ('PREVENTION', 'ENFORCEMENT', 'PARTNERSHIP', 'EDUCATION', 'ENVIRONMENTAL_DESIGN', 'OTHER');

-- CreateEnum
CREATE TYPE "ResponseBasis" AS ENUM ('RESULT_BASED', 'COMMUNITY_INPUT_BASED');

-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('PLANNED', 'ACTIVE', 'COMPLETED', 'DISCONTINUED');

-- CreateEnum
CREATE TYPE "StakeholderKind" AS ENUM ('CHURCH', 'MOSQUE', 'SYNAGOGUE', 'ISSUE_ADVOCACY_GROUP', 'FRATERNAL_ORGANIZATION', 'CHAMBER_OF_COMMERCE', 'CITY_GOVERNMENT', 'NON_PROFIT', 'SCHOOL', 'YOUTH_GROUP', 'NEIGHBORHOOD_ASSOCIATION', 'BUSINESS', 'OTHER');

-- CreateEnum
CREATE TYPE "OutreachStatus" AS ENUM ('NOT_YET_CONTACTED', 'ENGAGED', 'HARD_TO_REACH', 'DISTRUSTFUL', 'INACTIVE');

-- CreateEnum
CREATE TYPE "StrategyStatus" AS ENUM ('PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "TrainingDelivery" AS ENUM ('IN_PERSON', 'ONLINE');

-- CreateEnum
CREATE TYPE "IndicatorCategory" AS ENUM ('CRIME', 'QUALITY_OF_LIFE');

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Activity" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3),
    "location" TEXT,
    "unitId" UUID,
    "strategyId" UUID,
    "departmentSponsored" BOOLEAN NOT NULL DEFAULT true,
    "attendanceCount" INTEGER,
    "minutes" TEXT,
    "checkInCode" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityStakeholder" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "stakeholderId" UUID NOT NULL,

    CONSTRAINT "ActivityStakeholder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityParticipant" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "memberId" UUID NOT NULL,

    CONSTRAINT "ActivityParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LanguageRequest" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "language" TEXT NOT NULL,
    "interpreterMemberId" UUID,
    "volunteerName" TEXT,

    CONSTRAINT "LanguageRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityFollowUp" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" UUID,
    "dueOn" DATE,
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "unitId" UUID,
    "status" "SurveyStatus" NOT NULL DEFAULT 'DRAFT',
    "opensAt" TIMESTAMPTZ(3),
    "closesAt" TIMESTAMPTZ(3),
    "languages" TEXT[] DEFAULT ARRAY['en']::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyQuestion" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "prompt" TEXT NOT NULL,
    "kind" "QuestionKind" NOT NULL,
    "options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "required" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SurveyQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "language" TEXT,
    "answers" JSONB NOT NULL,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "channel" "FeedbackChannel" NOT NULL,
    "text" TEXT NOT NULL,
    "topic" "FeedbackTopic" NOT NULL,
    "language" TEXT,
    "criticalOfDepartment" BOOLEAN NOT NULL DEFAULT false,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'NEW',
    "answer" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "answeredById" UUID,
    "unitId" UUID,
    "activityId" UUID,
    "surveyResponseId" UUID,
    "submitterName" TEXT,
    "submitterContact" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Priority" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "rank" INTEGER NOT NULL,
    "status" "PriorityStatus" NOT NULL DEFAULT 'ACTIVE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Priority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriorityFeedback" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "priorityId" UUID NOT NULL,
    "feedbackId" UUID NOT NULL,

    CONSTRAINT "PriorityFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'COMMUNITY_POLICING_PLAN',
    "title" TEXT NOT NULL,
    "ownerId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanRevision" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "status" "RevisionStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PlanRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanSection" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "PlanSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "planId" UUID,
    "priorityId" UUID,
    "title" TEXT NOT NULL,
    "scanning" TEXT NOT NULL,
    "analysisOffender" TEXT,
    "analysisVictim" TEXT,
    "analysisPlace" TEXT,
    "assessment" TEXT,
    "status" "ProblemStatus" NOT NULL DEFAULT 'SCANNING',
    "identifiedOn" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemResponse" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "problemId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "kind" "ResponseKind" NOT NULL,
    "basis" "ResponseBasis" NOT NULL,
    "status" "ResponseStatus" NOT NULL DEFAULT 'PLANNED',
    "startedOn" DATE,
    "endedOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProblemResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponsePartner" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "stakeholderId" UUID NOT NULL,

    CONSTRAINT "ResponsePartner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Stakeholder" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "StakeholderKind" NOT NULL,
    "description" TEXT,
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "areaId" UUID,
    "outreachStatus" "OutreachStatus" NOT NULL DEFAULT 'ENGAGED',
    "archivedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Stakeholder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StakeholderContact" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "stakeholderId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "preferredLanguage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StakeholderContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EngagementStrategy" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT,
    "goals" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "StrategyStatus" NOT NULL DEFAULT 'ACTIVE',
    "ownerId" UUID,
    "unitId" UUID,
    "startsOn" DATE,
    "endsOn" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EngagementStrategy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingCourse" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
    "delivery" "TrainingDelivery" NOT NULL,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "provider" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "TrainingCourse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingRecord" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "completedOn" DATE NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "IndicatorCategory" NOT NULL,
    "unitName" TEXT NOT NULL DEFAULT 'count',

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Activity_agencyId_startsAt_idx" ON "Activity"("agencyId", "startsAt");

-- CreateIndex
CREATE INDEX "Activity_agencyId_unitId_startsAt_idx" ON "Activity"("agencyId", "unitId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_agencyId_id_key" ON "Activity"("agencyId", "id");

-- CreateIndex
CREATE INDEX "ActivityStakeholder_agencyId_stakeholderId_idx" ON "ActivityStakeholder"("agencyId", "stakeholderId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityStakeholder_agencyId_id_key" ON "ActivityStakeholder"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityStakeholder_activityId_stakeholderId_key" ON "ActivityStakeholder"("activityId", "stakeholderId");

-- CreateIndex
CREATE INDEX "ActivityParticipant_agencyId_memberId_idx" ON "ActivityParticipant"("agencyId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityParticipant_agencyId_id_key" ON "ActivityParticipant"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityParticipant_activityId_memberId_key" ON "ActivityParticipant"("activityId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "LanguageRequest_agencyId_id_key" ON "LanguageRequest"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "LanguageRequest_activityId_language_key" ON "LanguageRequest"("activityId", "language");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityFollowUp_agencyId_id_key" ON "ActivityFollowUp"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_agencyId_id_key" ON "Survey"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyQuestion_agencyId_id_key" ON "SurveyQuestion"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyQuestion_surveyId_position_key" ON "SurveyQuestion"("surveyId", "position");

-- CreateIndex
CREATE INDEX "SurveyResponse_agencyId_surveyId_idx" ON "SurveyResponse"("agencyId", "surveyId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_agencyId_id_key" ON "SurveyResponse"("agencyId", "id");

-- CreateIndex
CREATE INDEX "Feedback_agencyId_receivedAt_idx" ON "Feedback"("agencyId", "receivedAt");

-- CreateIndex
CREATE INDEX "Feedback_agencyId_unitId_receivedAt_idx" ON "Feedback"("agencyId", "unitId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_agencyId_id_key" ON "Feedback"("agencyId", "id");

-- CreateIndex
CREATE INDEX "Priority_agencyId_unitId_rank_idx" ON "Priority"("agencyId", "unitId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "Priority_agencyId_id_key" ON "Priority"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PriorityFeedback_agencyId_id_key" ON "PriorityFeedback"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PriorityFeedback_priorityId_feedbackId_key" ON "PriorityFeedback"("priorityId", "feedbackId");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_agencyId_id_key" ON "Plan"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_agencyId_unitId_kind_key" ON "Plan"("agencyId", "unitId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "PlanRevision_agencyId_id_key" ON "PlanRevision"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PlanRevision_planId_periodStart_key" ON "PlanRevision"("planId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "PlanSection_agencyId_id_key" ON "PlanSection"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PlanSection_revisionId_key_key" ON "PlanSection"("revisionId", "key");

-- CreateIndex
CREATE INDEX "Problem_agencyId_unitId_idx" ON "Problem"("agencyId", "unitId");

-- CreateIndex
CREATE INDEX "Problem_agencyId_planId_idx" ON "Problem"("agencyId", "planId");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_agencyId_id_key" ON "Problem"("agencyId", "id");

-- CreateIndex
CREATE INDEX "ProblemResponse_agencyId_problemId_idx" ON "ProblemResponse"("agencyId", "problemId");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemResponse_agencyId_id_key" ON "ProblemResponse"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ResponsePartner_agencyId_id_key" ON "ResponsePartner"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ResponsePartner_responseId_stakeholderId_key" ON "ResponsePartner"("responseId", "stakeholderId");

-- CreateIndex
CREATE INDEX "Stakeholder_agencyId_kind_idx" ON "Stakeholder"("agencyId", "kind");

-- CreateIndex
CREATE INDEX "Stakeholder_agencyId_areaId_idx" ON "Stakeholder"("agencyId", "areaId");

-- CreateIndex
CREATE UNIQUE INDEX "Stakeholder_agencyId_id_key" ON "Stakeholder"("agencyId", "id");

-- CreateIndex
CREATE INDEX "StakeholderContact_agencyId_stakeholderId_idx" ON "StakeholderContact"("agencyId", "stakeholderId");

-- CreateIndex
CREATE UNIQUE INDEX "StakeholderContact_agencyId_id_key" ON "StakeholderContact"("agencyId", "id");

-- CreateIndex
CREATE INDEX "EngagementStrategy_agencyId_category_idx" ON "EngagementStrategy"("agencyId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "EngagementStrategy_agencyId_id_key" ON "EngagementStrategy"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingCourse_agencyId_id_key" ON "TrainingCourse"("agencyId", "id");

-- CreateIndex
CREATE INDEX "TrainingRecord_agencyId_memberId_completedOn_idx" ON "TrainingRecord"("agencyId", "memberId", "completedOn");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingRecord_agencyId_id_key" ON "TrainingRecord"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingRecord_memberId_courseId_completedOn_key" ON "TrainingRecord"("memberId", "courseId", "completedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_agencyId_id_key" ON "Indicator"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_agencyId_key_key" ON "Indicator"("agencyId", "key");

-- CreateIndex
CREATE INDEX "Observation_agencyId_unitId_periodStart_idx" ON "Observation"("agencyId", "unitId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_agencyId_id_key" ON "Observation"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_indicatorId_unitId_periodStart_key" ON "Observation"("indicatorId", "unitId", "periodStart");

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_strategyId_fkey" FOREIGN KEY ("strategyId") REFERENCES "EngagementStrategy"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ActivityStakeholder" ADD CONSTRAINT "ActivityStakeholder_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityStakeholder" ADD CONSTRAINT "ActivityStakeholder_agencyId_activityId_fkey" FOREIGN KEY ("agencyId", "activityId") REFERENCES "Activity"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityStakeholder" ADD CONSTRAINT "ActivityStakeholder_agencyId_stakeholderId_fkey" FOREIGN KEY ("agencyId", "stakeholderId") REFERENCES "Stakeholder"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityParticipant" ADD CONSTRAINT "ActivityParticipant_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityParticipant" ADD CONSTRAINT "ActivityParticipant_agencyId_activityId_fkey" FOREIGN KEY ("agencyId", "activityId") REFERENCES "Activity"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityParticipant" ADD CONSTRAINT "ActivityParticipant_agencyId_memberId_fkey" FOREIGN KEY ("agencyId", "memberId") REFERENCES "Member"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LanguageRequest" ADD CONSTRAINT "LanguageRequest_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LanguageRequest" ADD CONSTRAINT "LanguageRequest_agencyId_activityId_fkey" FOREIGN KEY ("agencyId", "activityId") REFERENCES "Activity"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LanguageRequest" ADD CONSTRAINT "LanguageRequest_interpreterMemberId_fkey" FOREIGN KEY ("interpreterMemberId") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ActivityFollowUp" ADD CONSTRAINT "ActivityFollowUp_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityFollowUp" ADD CONSTRAINT "ActivityFollowUp_agencyId_activityId_fkey" FOREIGN KEY ("agencyId", "activityId") REFERENCES "Activity"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityFollowUp" ADD CONSTRAINT "ActivityFollowUp_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_agencyId_surveyId_fkey" FOREIGN KEY ("agencyId", "surveyId") REFERENCES "Survey"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_agencyId_surveyId_fkey" FOREIGN KEY ("agencyId", "surveyId") REFERENCES "Survey"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_surveyResponseId_fkey" FOREIGN KEY ("surveyResponseId") REFERENCES "SurveyResponse"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Priority" ADD CONSTRAINT "Priority_agencyId_unitId_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorityFeedback" ADD CONSTRAINT "PriorityFeedback_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorityFeedback" ADD CONSTRAINT "PriorityFeedback_agencyId_priorityId_fkey" FOREIGN KEY ("agencyId", "priorityId") REFERENCES "Priority"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriorityFeedback" ADD CONSTRAINT "PriorityFeedback_agencyId_feedbackId_fkey" FOREIGN KEY ("agencyId", "feedbackId") REFERENCES "Feedback"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_agencyId_unitId_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "PlanRevision" ADD CONSTRAINT "PlanRevision_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanRevision" ADD CONSTRAINT "PlanRevision_agencyId_planId_fkey" FOREIGN KEY ("agencyId", "planId") REFERENCES "Plan"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanRevision" ADD CONSTRAINT "PlanRevision_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "PlanSection" ADD CONSTRAINT "PlanSection_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSection" ADD CONSTRAINT "PlanSection_agencyId_revisionId_fkey" FOREIGN KEY ("agencyId", "revisionId") REFERENCES "PlanRevision"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_agencyId_unitId_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_priorityId_fkey" FOREIGN KEY ("priorityId") REFERENCES "Priority"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ProblemResponse" ADD CONSTRAINT "ProblemResponse_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemResponse" ADD CONSTRAINT "ProblemResponse_agencyId_problemId_fkey" FOREIGN KEY ("agencyId", "problemId") REFERENCES "Problem"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponsePartner" ADD CONSTRAINT "ResponsePartner_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponsePartner" ADD CONSTRAINT "ResponsePartner_agencyId_responseId_fkey" FOREIGN KEY ("agencyId", "responseId") REFERENCES "ProblemResponse"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponsePartner" ADD CONSTRAINT "ResponsePartner_agencyId_stakeholderId_fkey" FOREIGN KEY ("agencyId", "stakeholderId") REFERENCES "Stakeholder"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stakeholder" ADD CONSTRAINT "Stakeholder_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Stakeholder" ADD CONSTRAINT "Stakeholder_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "OrgUnit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StakeholderContact" ADD CONSTRAINT "StakeholderContact_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StakeholderContact" ADD CONSTRAINT "StakeholderContact_agencyId_stakeholderId_fkey" FOREIGN KEY ("agencyId", "stakeholderId") REFERENCES "Stakeholder"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EngagementStrategy" ADD CONSTRAINT "EngagementStrategy_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EngagementStrategy" ADD CONSTRAINT "EngagementStrategy_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "EngagementStrategy" ADD CONSTRAINT "EngagementStrategy_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "TrainingCourse" ADD CONSTRAINT "TrainingCourse_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRecord" ADD CONSTRAINT "TrainingRecord_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRecord" ADD CONSTRAINT "TrainingRecord_agencyId_memberId_fkey" FOREIGN KEY ("agencyId", "memberId") REFERENCES "Member"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRecord" ADD CONSTRAINT "TrainingRecord_agencyId_courseId_fkey" FOREIGN KEY ("agencyId", "courseId") REFERENCES "TrainingCourse"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_agencyId_indicatorId_fkey" FOREIGN KEY ("agencyId", "indicatorId") REFERENCES "Indicator"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_agencyId_unitId_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Same-agency guards (hand-written) for the optional relations above; see the foundation
-- migration for why they sit beside Prisma's single-column foreign keys.
ALTER TABLE "Stakeholder" ADD CONSTRAINT "Stakeholder_area_same_agency_fkey" FOREIGN KEY ("agencyId", "areaId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "EngagementStrategy" ADD CONSTRAINT "EngagementStrategy_owner_same_agency_fkey" FOREIGN KEY ("agencyId", "ownerId") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "EngagementStrategy" ADD CONSTRAINT "EngagementStrategy_unit_same_agency_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_unit_same_agency_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_strategy_same_agency_fkey" FOREIGN KEY ("agencyId", "strategyId") REFERENCES "EngagementStrategy"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "LanguageRequest" ADD CONSTRAINT "LanguageRequest_interpreterMember_same_agency_fkey" FOREIGN KEY ("agencyId", "interpreterMemberId") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "ActivityFollowUp" ADD CONSTRAINT "ActivityFollowUp_owner_same_agency_fkey" FOREIGN KEY ("agencyId", "ownerId") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_unit_same_agency_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_answeredBy_same_agency_fkey" FOREIGN KEY ("agencyId", "answeredById") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_unit_same_agency_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_activity_same_agency_fkey" FOREIGN KEY ("agencyId", "activityId") REFERENCES "Activity"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_surveyResponse_same_agency_fkey" FOREIGN KEY ("agencyId", "surveyResponseId") REFERENCES "SurveyResponse"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_owner_same_agency_fkey" FOREIGN KEY ("agencyId", "ownerId") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "PlanRevision" ADD CONSTRAINT "PlanRevision_submittedBy_same_agency_fkey" FOREIGN KEY ("agencyId", "submittedById") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_plan_same_agency_fkey" FOREIGN KEY ("agencyId", "planId") REFERENCES "Plan"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_priority_same_agency_fkey" FOREIGN KEY ("agencyId", "priorityId") REFERENCES "Priority"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
