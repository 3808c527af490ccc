import { scopeToAgency } from "@roundtable/core";
import { agencyClientFor, type PrismaClient, tenantOwnedModels } from "@roundtable/db";
import { createTestApp, postgresAvailable, TENANT_ROW_FACTORIES, type TestApp, type TestDatabaseKind } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const MODELS = tenantOwnedModels();

type Delegate = {
  findUnique(args: object): Promise<unknown>;
  findFirst(args: object): Promise<unknown>;
  findMany(args?: object): Promise<{ agencyId: string }[]>;
  count(args?: object): Promise<number>;
  update(args: object): Promise<unknown>;
  updateMany(args: object): Promise<{ count: number }>;
  delete(args: object): Promise<unknown>;
  deleteMany(args: object): Promise<{ count: number }>;
};

const delegate = (client: unknown, model: string) =>
  (client as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)] as Delegate;

/**
 * A column of each model that can be set without breaking its constraints, so a leaked
 * update would show; link tables have none and are checked by the update's outcome alone.
 */
const HARMLESS_UPDATE: Record<string, object> = {
  AgencyProfile: { version: 99 },
  OrgUnit: { code: "TAMPERED" },
  Member: { rank: "TAMPERED" },
  ApiToken: { name: "TAMPERED" },
  AuditEvent: { action: "TAMPERED" },
  Stakeholder: { description: "TAMPERED" },
  StakeholderContact: { title: "TAMPERED" },
  EngagementStrategy: { description: "TAMPERED" },
  Activity: { minutes: "TAMPERED" },
  ActivityStakeholder: {},
  ActivityParticipant: {},
  LanguageRequest: { volunteerName: "TAMPERED" },
  ActivityFollowUp: { description: "TAMPERED" },
  Survey: { description: "TAMPERED" },
  SurveyQuestion: { prompt: "TAMPERED" },
  SurveyResponse: { language: "xx" },
  Feedback: { answer: "TAMPERED" },
  Priority: { description: "TAMPERED" },
  PriorityFeedback: {},
  Plan: { title: "TAMPERED" },
  PlanRevision: { status: "SUBMITTED" },
  PlanSection: { body: "TAMPERED" },
  Problem: { assessment: "TAMPERED" },
  ProblemResponse: { description: "TAMPERED" },
  ResponsePartner: {},
  Indicator: { name: "TAMPERED" },
  Observation: { value: -1 },
  TrainingCourse: { provider: "TAMPERED" },
  TrainingRecord: { hours: 99 },
  Finding: { message: "TAMPERED" },
  AgencyProfileChange: { version: 99 },
  Report: { title: "TAMPERED" },
  ReportVersion: { contentHash: "TAMPERED" },
  ReportDecision: { comment: "TAMPERED" },
  CoordinatorDesignation: { note: "TAMPERED" },
  StrategyAreaReason: { reason: "TAMPERED" },
  ActivityCheckIn: { attendeeName: "TAMPERED" },
};

it("has a row factory and an update for every tenant-owned model", () => {
  expect(MODELS.length).toBeGreaterThan(0);
  expect(Object.keys(TENANT_ROW_FACTORIES).sort()).toEqual([...MODELS].sort());
  expect(Object.keys(HARMLESS_UPDATE).sort()).toEqual([...MODELS].sort());
});

const databases: TestDatabaseKind[] = postgresAvailable ? ["embedded", "postgres"] : ["embedded"];

describe.each(databases)("tenant-scoped client on %s", (kind) => {
  let t: TestApp;
  let prisma: PrismaClient;
  let metroId: string;
  let lakeviewId: string;
  const lakeviewRows = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp({ database: kind });
    prisma = t.database.prisma;
    metroId = (await prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } })).id;
    lakeviewId = (await prisma.agency.findUniqueOrThrow({ where: { slug: "lakeview" } })).id;
    for (const model of MODELS) {
      await TENANT_ROW_FACTORIES[model]!(agencyClientFor(prisma, metroId), metroId, `metro-${model}`);
      lakeviewRows.set(
        model,
        await TENANT_ROW_FACTORIES[model]!(agencyClientFor(prisma, lakeviewId), lakeviewId, `lakeview-${model}`),
      );
    }
  });
  afterAll(() => t.close());

  describe.each(MODELS)("%s", (model) => {
    const asMetro = () => delegate(scopeToAgency(prisma, metroId), model);
    const foreignId = () => lakeviewRows.get(model)!;
    // Lakeview's rows as lakeview sees them (on PostgreSQL, row-level security hides them from
    // every other client).
    const asLakeview = () => delegate(agencyClientFor(prisma, lakeviewId), model);
    // The application role may not change audit rows at all (append-only): the database
    // refuses the statement before the tenant filter matters.
    const appendOnly = kind === "postgres" && model === "AuditEvent";
    const unchanged = async () =>
      expect(await asLakeview().findUnique({ where: { id: foreignId() } })).toMatchObject({ agencyId: lakeviewId });

    it("lists only metro's rows", async () => {
      const rows = await asMetro().findMany();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.agencyId === metroId)).toBe(true);
      expect(await asMetro().count()).toBe(rows.length);
    });

    it("cannot read lakeview's row by id", async () => {
      expect(await asMetro().findUnique({ where: { id: foreignId() } })).toBeNull();
      expect(await asMetro().findFirst({ where: { id: foreignId() } })).toBeNull();
      expect(await asMetro().findFirst({ where: { id: foreignId(), agencyId: lakeviewId } })).toBeNull();
    });

    it("cannot update lakeview's row", async () => {
      const update = { where: { id: foreignId() }, data: HARMLESS_UPDATE[model] };
      if (appendOnly) {
        await expect(asMetro().update(update)).rejects.toThrow();
        await expect(asMetro().updateMany(update)).rejects.toThrow();
      } else {
        await expect(asMetro().update(update)).rejects.toMatchObject({ code: "P2025" });
        expect(await asMetro().updateMany(update)).toEqual({ count: 0 });
      }
      await unchanged();
      if (Object.keys(HARMLESS_UPDATE[model]!).length > 0) {
        expect(await asLakeview().findFirst({ where: { id: foreignId(), ...HARMLESS_UPDATE[model] } })).toBeNull();
      }
    });

    it("cannot delete lakeview's row", async () => {
      if (appendOnly) {
        await expect(asMetro().delete({ where: { id: foreignId() } })).rejects.toThrow();
        await expect(asMetro().deleteMany({ where: { id: foreignId() } })).rejects.toThrow();
      } else {
        await expect(asMetro().delete({ where: { id: foreignId() } })).rejects.toMatchObject({ code: "P2025" });
        expect(await asMetro().deleteMany({ where: { id: foreignId() } })).toEqual({ count: 0 });
      }
      await unchanged();
    });
  });

  it("stamps created rows with the caller's agency, whatever agencyId they name", async () => {
    const scoped = scopeToAgency(prisma, metroId);
    const unit = await scoped.orgUnit.create({ data: { agencyId: lakeviewId, name: "Stamped unit", kind: "UNIT" } });
    expect(unit.agencyId).toBe(metroId);
  });

  it("never moves a row to another agency on update", async () => {
    const scoped = scopeToAgency(prisma, metroId);
    const unit = await scoped.orgUnit.create({ data: { agencyId: metroId, name: "Unmovable unit", kind: "UNIT" } });
    const updated = await scoped.orgUnit.update({ where: { id: unit.id }, data: { agencyId: lakeviewId, code: "U" } });
    expect(updated.agencyId).toBe(metroId);
  });

  it("refuses a row that points at another agency's row (same-agency foreign keys)", async () => {
    const scoped = scopeToAgency(prisma, metroId);
    const lakeviewUnit = lakeviewRows.get("OrgUnit")!;
    await expect(
      scoped.member.create({
        data: { agencyId: metroId, email: "cross@metro.example", name: "Cross", roles: ["MEMBER"], unitId: lakeviewUnit },
      }),
    ).rejects.toThrow();
    expect(await scoped.member.findFirst({ where: { email: "cross@metro.example" } })).toBeNull();
  });

  it("reads only its own agency and refuses raw SQL", async () => {
    const scoped = scopeToAgency(prisma, metroId);
    expect((await scoped.agency.findMany()).map((agency) => agency.slug)).toEqual(["metro"]);
    await expect(scoped.$queryRawUnsafe("SELECT 1")).rejects.toThrow(/raw SQL/);
  });

  it("shows a scope without an agency (the public) no tenant rows at all", async () => {
    const publicScope = scopeToAgency(prisma, null);
    for (const model of MODELS) expect(await delegate(publicScope, model).count(), model).toBe(0);
    expect(await publicScope.agency.count()).toBe(0);
  });
});
