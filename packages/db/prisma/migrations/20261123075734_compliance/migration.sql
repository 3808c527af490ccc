-- CreateEnum
CREATE TYPE "FindingSeverity" AS ENUM ('INFO', 'WARNING', 'VIOLATION');

-- CreateTable
CREATE TABLE "Finding" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "profileId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "severity" "FindingSeverity" NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "unitId" UUID,
    "memberId" UUID,
    "message" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3),
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencyProfileChange" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "profileId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "settings" JSONB NOT NULL,
    "changedById" UUID,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgencyProfileChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Finding_agencyId_resolvedAt_severity_idx" ON "Finding"("agencyId", "resolvedAt", "severity");

-- CreateIndex
CREATE INDEX "Finding_agencyId_ruleId_key_idx" ON "Finding"("agencyId", "ruleId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_agencyId_id_key" ON "Finding"("agencyId", "id");

-- CreateIndex
CREATE INDEX "AgencyProfileChange_agencyId_profileId_changedAt_idx" ON "AgencyProfileChange"("agencyId", "profileId", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyProfileChange_agencyId_id_key" ON "AgencyProfileChange"("agencyId", "id");

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "AgencyProfileChange" ADD CONSTRAINT "AgencyProfileChange_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Same-agency guards (hand-written) for the optional relations above.
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_unit_same_agency_fkey" FOREIGN KEY ("agencyId", "unitId") REFERENCES "OrgUnit"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_member_same_agency_fkey" FOREIGN KEY ("agencyId", "memberId") REFERENCES "Member"("agencyId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;
