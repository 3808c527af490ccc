import type { PrismaClient } from "@roundtable/db";

/**
 * One factory per tenant-owned model: makes a row of that model in the given agency and
 * returns its id. The tenant-isolation test walks every model Prisma knows to have an
 * `agencyId` and fails if a model has no factory here, so a new model cannot dodge it.
 * Factories make whatever parent rows they need, in the same agency.
 */
export type TenantRowFactory = (prisma: PrismaClient, agencyId: string, tag: string) => Promise<string>;

const anyMember = async (prisma: PrismaClient, agencyId: string) =>
  (await prisma.member.findFirstOrThrow({ where: { agencyId } })).id;
const anyUnit = async (prisma: PrismaClient, agencyId: string) =>
  (await prisma.orgUnit.findFirstOrThrow({ where: { agencyId } })).id;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const factories: Record<string, TenantRowFactory> = {
  AgencyProfile: async (prisma, agencyId, tag) =>
    (await prisma.agencyProfile.create({ data: { agencyId, profileId: `fixture-${tag}` } })).id,
  OrgUnit: async (prisma, agencyId, tag) =>
    (await prisma.orgUnit.create({ data: { agencyId, name: `Fixture unit ${tag}`, kind: "UNIT" } })).id,
  Member: async (prisma, agencyId, tag) =>
    (
      await prisma.member.create({
        data: { agencyId, email: `fixture-${tag}@example.org`, name: `Fixture ${tag}`, roles: ["MEMBER"] },
      })
    ).id,
  ApiToken: async (prisma, agencyId, tag) =>
    (
      await prisma.apiToken.create({
        data: {
          agencyId,
          memberId: await anyMember(prisma, agencyId),
          name: `fixture ${tag}`,
          tokenHash: `fixture-${tag}-${agencyId}`,
          roles: ["MEMBER"],
        },
      })
    ).id,
  AuditEvent: async (prisma, agencyId, tag) =>
    (await prisma.auditEvent.create({ data: { agencyId, action: `fixture.${tag}`, entityType: "Fixture" } })).id,
  Stakeholder: async (prisma, agencyId, tag) =>
    (await prisma.stakeholder.create({ data: { agencyId, name: `Fixture stakeholder ${tag}`, kind: "NON_PROFIT" } })).id,
  StakeholderContact: async (prisma, agencyId, tag) =>
    (
      await prisma.stakeholderContact.create({
        data: {
          agencyId,
          stakeholderId: await factories.Stakeholder!(prisma, agencyId, `${tag}-parent`),
          name: `Contact ${tag}`,
        },
      })
    ).id,
  EngagementStrategy: async (prisma, agencyId, tag) =>
    (await prisma.engagementStrategy.create({ data: { agencyId, title: `Strategy ${tag}`, category: "youth-programs" } })).id,
  Activity: async (prisma, agencyId, tag) =>
    (
      await prisma.activity.create({
        data: { agencyId, kind: "COMMUNITY_MEETING", title: `Meeting ${tag}`, startsAt: new Date("2026-05-01T18:00:00Z") },
      })
    ).id,
  ActivityStakeholder: async (prisma, agencyId, tag) =>
    (
      await prisma.activityStakeholder.create({
        data: {
          agencyId,
          activityId: await factories.Activity!(prisma, agencyId, `${tag}-a`),
          stakeholderId: await factories.Stakeholder!(prisma, agencyId, `${tag}-s`),
        },
      })
    ).id,
  ActivityParticipant: async (prisma, agencyId, tag) =>
    (
      await prisma.activityParticipant.create({
        data: {
          agencyId,
          activityId: await factories.Activity!(prisma, agencyId, `${tag}-a`),
          memberId: await anyMember(prisma, agencyId),
        },
      })
    ).id,
  LanguageRequest: async (prisma, agencyId, tag) =>
    (
      await prisma.languageRequest.create({
        data: { agencyId, activityId: await factories.Activity!(prisma, agencyId, `${tag}-a`), language: "hy" },
      })
    ).id,
  ActivityFollowUp: async (prisma, agencyId, tag) =>
    (
      await prisma.activityFollowUp.create({
        data: { agencyId, activityId: await factories.Activity!(prisma, agencyId, `${tag}-a`), description: `Follow up ${tag}` },
      })
    ).id,
  Survey: async (prisma, agencyId, tag) => (await prisma.survey.create({ data: { agencyId, title: `Survey ${tag}` } })).id,
  SurveyQuestion: async (prisma, agencyId, tag) =>
    (
      await prisma.surveyQuestion.create({
        data: {
          agencyId,
          surveyId: await factories.Survey!(prisma, agencyId, `${tag}-s`),
          position: 1,
          prompt: "How safe do you feel?",
          kind: "SCALE",
        },
      })
    ).id,
  SurveyResponse: async (prisma, agencyId, tag) =>
    (
      await prisma.surveyResponse.create({
        data: { agencyId, surveyId: await factories.Survey!(prisma, agencyId, `${tag}-s`), answers: {} },
      })
    ).id,
  Feedback: async (prisma, agencyId, tag) =>
    (await prisma.feedback.create({ data: { agencyId, channel: "ONLINE", text: `Feedback ${tag}`, topic: "QUALITY_OF_LIFE" } }))
      .id,
  Priority: async (prisma, agencyId, tag) =>
    (
      await prisma.priority.create({
        data: { agencyId, unitId: await anyUnit(prisma, agencyId), title: `Priority ${tag}`, rank: 1 },
      })
    ).id,
  PriorityFeedback: async (prisma, agencyId, tag) =>
    (
      await prisma.priorityFeedback.create({
        data: {
          agencyId,
          priorityId: await factories.Priority!(prisma, agencyId, `${tag}-p`),
          feedbackId: await factories.Feedback!(prisma, agencyId, `${tag}-f`),
        },
      })
    ).id,
  Plan: async (prisma, agencyId, tag) =>
    (
      await prisma.plan.create({
        data: { agencyId, unitId: await factories.OrgUnit!(prisma, agencyId, `${tag}-u`), title: `Plan ${tag}` },
      })
    ).id,
  PlanRevision: async (prisma, agencyId, tag) =>
    (
      await prisma.planRevision.create({
        data: {
          agencyId,
          planId: await factories.Plan!(prisma, agencyId, `${tag}-p`),
          periodStart: day("2026-01-01"),
          periodEnd: day("2026-06-30"),
        },
      })
    ).id,
  PlanSection: async (prisma, agencyId, tag) =>
    (
      await prisma.planSection.create({
        data: {
          agencyId,
          revisionId: await factories.PlanRevision!(prisma, agencyId, `${tag}-r`),
          key: "summary",
          title: "Summary",
          body: "Text",
        },
      })
    ).id,
  Problem: async (prisma, agencyId, tag) =>
    (
      await prisma.problem.create({
        data: { agencyId, unitId: await anyUnit(prisma, agencyId), title: `Problem ${tag}`, scanning: "Seen" },
      })
    ).id,
  ProblemResponse: async (prisma, agencyId, tag) =>
    (
      await prisma.problemResponse.create({
        data: {
          agencyId,
          problemId: await factories.Problem!(prisma, agencyId, `${tag}-p`),
          description: "Lighting",
          kind: "PREVENTION",
          basis: "COMMUNITY_INPUT_BASED",
        },
      })
    ).id,
  ResponsePartner: async (prisma, agencyId, tag) =>
    (
      await prisma.responsePartner.create({
        data: {
          agencyId,
          responseId: await factories.ProblemResponse!(prisma, agencyId, `${tag}-r`),
          stakeholderId: await factories.Stakeholder!(prisma, agencyId, `${tag}-s`),
        },
      })
    ).id,
  Indicator: async (prisma, agencyId, tag) =>
    (await prisma.indicator.create({ data: { agencyId, key: `fixture-${tag}`, name: `Indicator ${tag}`, category: "CRIME" } }))
      .id,
  Observation: async (prisma, agencyId, tag) =>
    (
      await prisma.observation.create({
        data: {
          agencyId,
          indicatorId: await factories.Indicator!(prisma, agencyId, `${tag}-i`),
          unitId: await anyUnit(prisma, agencyId),
          periodStart: day("2026-01-01"),
          periodEnd: day("2026-01-31"),
          value: 3,
        },
      })
    ).id,
  TrainingCourse: async (prisma, agencyId, tag) =>
    (await prisma.trainingCourse.create({ data: { agencyId, title: `Course ${tag}`, hours: 4, delivery: "ONLINE" } })).id,
  TrainingRecord: async (prisma, agencyId, tag) =>
    (
      await prisma.trainingRecord.create({
        data: {
          agencyId,
          memberId: await anyMember(prisma, agencyId),
          courseId: await factories.TrainingCourse!(prisma, agencyId, `${tag}-c`),
          completedOn: day("2026-02-01"),
          hours: 4,
        },
      })
    ).id,
  Finding: async (prisma, agencyId, tag) =>
    (
      await prisma.finding.create({
        data: {
          agencyId,
          profileId: "fixture",
          ruleId: `fixture.${tag}`,
          key: tag,
          severity: "WARNING",
          subjectType: "Agency",
          message: "Fixture",
        },
      })
    ).id,
  AgencyProfileChange: async (prisma, agencyId, tag) =>
    (
      await prisma.agencyProfileChange.create({
        data: { agencyId, profileId: `fixture-${tag}`, version: 1, enabled: true, settings: {} },
      })
    ).id,
  Report: async (prisma, agencyId, tag) =>
    (
      await prisma.report.create({
        data: {
          agencyId,
          profileId: "fixture",
          templateKey: `fixture-${tag}`,
          title: `Report ${tag}`,
          periodStart: day("2026-01-01"),
          periodEnd: day("2026-12-31"),
        },
      })
    ).id,
  ReportVersion: async (prisma, agencyId, tag) =>
    (
      await prisma.reportVersion.create({
        data: {
          agencyId,
          reportId: await factories.Report!(prisma, agencyId, `${tag}-r`),
          number: 1,
          sections: [],
          contentHash: "0",
        },
      })
    ).id,
  ReportDecision: async (prisma, agencyId, tag) =>
    (
      await prisma.reportDecision.create({
        data: {
          agencyId,
          reportId: await factories.Report!(prisma, agencyId, `${tag}-r`),
          versionNumber: 1,
          contentHash: "0",
          decision: "RETURNED",
          deciderId: await anyMember(prisma, agencyId),
        },
      })
    ).id,
  CoordinatorDesignation: async (prisma, agencyId) =>
    (
      await prisma.coordinatorDesignation.create({
        data: { agencyId, memberId: await anyMember(prisma, agencyId), startsOn: day("2026-01-01") },
      })
    ).id,
  StrategyAreaReason: async (prisma, agencyId, tag) =>
    (
      await prisma.strategyAreaReason.create({
        data: { agencyId, categoryKey: `area-${tag}`, year: 2026, reason: "No youth in the area" },
      })
    ).id,
  ActivityCheckIn: async (prisma, agencyId, tag) =>
    (
      await prisma.activityCheckIn.create({
        data: { agencyId, activityId: await factories.Activity!(prisma, agencyId, `${tag}-a`), attendeeName: "Guest" },
      })
    ).id,
};

export const TENANT_ROW_FACTORIES: Record<string, TenantRowFactory> = factories;
