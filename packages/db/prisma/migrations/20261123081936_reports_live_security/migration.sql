-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "ReportDecisionKind" AS ENUM ('APPROVED', 'RETURNED');

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" INTEGER,
ADD COLUMN     "source" TEXT;

-- CreateTable
CREATE TABLE "ActivityCheckIn" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "memberId" UUID,
    "attendeeName" TEXT,
    "checkedInAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityCheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "profileId" TEXT NOT NULL,
    "templateKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "unitId" UUID,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "preparedById" UUID,
    "publishedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportVersion" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "sections" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportDecision" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "decision" "ReportDecisionKind" NOT NULL,
    "comment" TEXT,
    "deciderId" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CoordinatorDesignation" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "designatedById" UUID,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoordinatorDesignation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StrategyAreaReason" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "categoryKey" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StrategyAreaReason_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActivityCheckIn_agencyId_activityId_idx" ON "ActivityCheckIn"("agencyId", "activityId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityCheckIn_agencyId_id_key" ON "ActivityCheckIn"("agencyId", "id");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_scope_key_key" ON "IdempotencyRecord"("scope", "key");

-- CreateIndex
CREATE INDEX "Report_agencyId_templateKey_periodStart_idx" ON "Report"("agencyId", "templateKey", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "Report_agencyId_id_key" ON "Report"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReportVersion_agencyId_id_key" ON "ReportVersion"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReportVersion_reportId_number_key" ON "ReportVersion"("reportId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ReportDecision_agencyId_id_key" ON "ReportDecision"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ReportDecision_reportId_versionNumber_decision_key" ON "ReportDecision"("reportId", "versionNumber", "decision");

-- CreateIndex
CREATE INDEX "CoordinatorDesignation_agencyId_startsOn_idx" ON "CoordinatorDesignation"("agencyId", "startsOn");

-- CreateIndex
CREATE UNIQUE INDEX "CoordinatorDesignation_agencyId_id_key" ON "CoordinatorDesignation"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "StrategyAreaReason_agencyId_id_key" ON "StrategyAreaReason"("agencyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "StrategyAreaReason_agencyId_categoryKey_year_key" ON "StrategyAreaReason"("agencyId", "categoryKey", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_agencyId_seq_key" ON "AuditEvent"("agencyId", "seq");

-- AddForeignKey
ALTER TABLE "ActivityCheckIn" ADD CONSTRAINT "ActivityCheckIn_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityCheckIn" ADD CONSTRAINT "ActivityCheckIn_agencyId_activityId_fkey" FOREIGN KEY ("agencyId", "activityId") REFERENCES "Activity"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityCheckIn" ADD CONSTRAINT "ActivityCheckIn_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_preparedById_fkey" FOREIGN KEY ("preparedById") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_agencyId_reportId_fkey" FOREIGN KEY ("agencyId", "reportId") REFERENCES "Report"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "ReportDecision" ADD CONSTRAINT "ReportDecision_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportDecision" ADD CONSTRAINT "ReportDecision_agencyId_reportId_fkey" FOREIGN KEY ("agencyId", "reportId") REFERENCES "Report"("agencyId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportDecision" ADD CONSTRAINT "ReportDecision_agencyId_deciderId_fkey" FOREIGN KEY ("agencyId", "deciderId") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "CoordinatorDesignation" ADD CONSTRAINT "CoordinatorDesignation_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinatorDesignation" ADD CONSTRAINT "CoordinatorDesignation_agencyId_memberId_fkey" FOREIGN KEY ("agencyId", "memberId") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "CoordinatorDesignation" ADD CONSTRAINT "CoordinatorDesignation_designatedById_fkey" FOREIGN KEY ("designatedById") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "StrategyAreaReason" ADD CONSTRAINT "StrategyAreaReason_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Same-agency guards (hand-written) for the optional relations above.
ALTER TABLE "Report" ADD CONSTRAINT "Report_unit_same_agency_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Report" ADD CONSTRAINT "Report_preparedBy_same_agency_fkey" FOREIGN KEY ("agencyId", "preparedById") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_createdBy_same_agency_fkey" FOREIGN KEY ("agencyId", "createdById") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "CoordinatorDesignation" ADD CONSTRAINT "CoordinatorDesignation_designatedBy_same_agency_fkey" FOREIGN KEY ("agencyId", "designatedById") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "ActivityCheckIn" ADD CONSTRAINT "ActivityCheckIn_member_same_agency_fkey" FOREIGN KEY ("agencyId", "memberId") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
