/**
 * The database's own tenant wall on PostgreSQL (SECURITY.md TI-03..TI-06, TI-10..TI-12, AU-04):
 * row-level security on every tenant table, the application role that cannot get around
 * it, and the append-only audit trail. Run against a demo database laid out as deployed:
 * migrated by its owner, used through a login role that is only a member of roundtable_app.
 */
import { AGENCY_SETTING, agencyClientFor, type PrismaClient, tenantOwnedModels } from "@roundtable/db";
import { createTestApp, postgresAvailable, TEST_APP_LOGIN, type TestApp } from "@roundtable/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TENANT_TABLES = tenantOwnedModels().sort();

describe.skipIf(!postgresAvailable)("row-level security on PostgreSQL", () => {
  let t: TestApp;
  let prisma: PrismaClient;
  let owner: pg.Pool;
  let app: pg.Pool;
  let metroId: string;
  let lakeviewId: string;

  /** One transaction as the application role with the agency setting, as the server runs it. */
  async function asAppFor<T>(agencyId: string | null, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await app.connect();
    try {
      await client.query("BEGIN");
      if (agencyId) await client.query("SELECT set_config($1, $2, true)", [AGENCY_SETTING, agencyId]);
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }

  const agencyIdsIn = async (client: pg.PoolClient, table: string) =>
    new Set((await client.query(`SELECT DISTINCT "agencyId"::text AS id FROM "${table}"`)).rows.map((row) => row.id));

  beforeAll(async () => {
    t = await createTestApp({ database: "postgres" });
    prisma = t.database.prisma;
    owner = new pg.Pool({ connectionString: t.postgres!.ownerUrl, max: 2 });
    // max 2, so connections are reused across agencies and the fail-closed checks see
    // connections that an earlier transaction had set.
    app = new pg.Pool({ connectionString: t.postgres!.appUrl, max: 2 });
    const agencies = await prisma.agency.findMany({ select: { id: true, slug: true } });
    metroId = agencies.find((agency) => agency.slug === "metro")!.id;
    lakeviewId = agencies.find((agency) => agency.slug === "lakeview")!.id;
    // An audit row in each agency, so the append-only checks have rows to refuse.
    for (const agencyId of [metroId, lakeviewId]) {
      await agencyClientFor(prisma, agencyId).auditEvent.create({
        data: { agencyId, action: "test.probe", entityType: "Agency", entityId: agencyId },
      });
    }
  });
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await t?.close();
  });

  describe("catalog (fails CI when a new tenant table lacks any of it)", () => {
    it("the application role is no superuser, cannot bypass RLS, owns nothing and is not the owner", async () => {
      const roles = await owner.query(
        `SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = ANY($1)`,
        [["roundtable_app", TEST_APP_LOGIN]],
      );
      expect(roles.rows).toHaveLength(2);
      for (const role of roles.rows) {
        expect(role, role.rolname).toMatchObject({
          rolsuper: false,
          rolbypassrls: false,
          rolcreaterole: false,
          rolcreatedb: false,
        });
      }
      const owned = await owner.query(
        `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
          WHERE c.relnamespace = 'public'::regnamespace AND r.rolname = ANY($1)`,
        [["roundtable_app", TEST_APP_LOGIN]],
      );
      expect(owned.rows).toEqual([]);
      const memberships = await owner.query(
        `SELECT g.rolname FROM pg_auth_members m
           JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
          WHERE u.rolname = $1`,
        [TEST_APP_LOGIN],
      );
      expect(memberships.rows.map((row) => row.rolname)).toEqual(["roundtable_app"]);
    });

    it("every table with agencyId has RLS enabled and forced, and one policy on its own agency with USING and WITH CHECK", async () => {
      const tables = await owner.query(`
        SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
          FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'agencyId' AND NOT a.attisdropped
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
         ORDER BY 1`);
      expect(tables.rows.map((row) => row.table)).toEqual(TENANT_TABLES);
      for (const row of tables.rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true });

      const policies = await owner.query(
        `SELECT tablename, policyname, permissive, cmd, roles::text[] AS roles, qual, with_check FROM pg_policies WHERE schemaname = 'public'`,
      );
      const expected = `("agencyId" = (NULLIF(current_setting('${AGENCY_SETTING}'::text, true), ''::text))::uuid)`;
      for (const table of TENANT_TABLES) {
        const own = policies.rows.filter((policy) => policy.tablename === table);
        expect(own, table).toHaveLength(1);
        expect(own[0], table).toMatchObject({
          cmd: "ALL",
          permissive: "PERMISSIVE",
          roles: ["public"],
          qual: expected,
          with_check: expected,
        });
      }
      // No policy anywhere that a session could switch off (TI-04, TI-11).
      for (const policy of policies.rows) {
        expect(`${policy.qual} ${policy.with_check}`).not.toMatch(/coalesce|is null|bypass|current_user|session_user/i);
      }
    });

    it("no view or SECURITY DEFINER function the application could read around RLS with", async () => {
      const views = await owner.query(
        `SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')
            AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)`,
      );
      expect(views.rows).toEqual([]);
      const definers = await owner.query(`SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosecdef`);
      expect(definers.rows).toEqual([]);
    });

    it("the application role may add and read audit rows but never change, delete or truncate them", async () => {
      const privileges = await owner.query(
        `SELECT p AS privilege, has_table_privilege($1, '"AuditEvent"', p) AS granted
           FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p`,
        [TEST_APP_LOGIN],
      );
      expect(Object.fromEntries(privileges.rows.map((row) => [row.privilege, row.granted]))).toEqual({
        SELECT: true,
        INSERT: true,
        UPDATE: false,
        DELETE: false,
        TRUNCATE: false,
      });
    });
  });

  describe("raw SQL through the application role, without the application's filter", () => {
    it("sees only the agency its transaction names, in every tenant table (TI-03)", async () => {
      for (const [agencyId, other] of [
        [metroId, lakeviewId],
        [lakeviewId, metroId],
      ] as const) {
        await asAppFor(agencyId, async (client) => {
          for (const table of TENANT_TABLES) {
            const seen = await agencyIdsIn(client, table);
            expect(seen.has(other), `${table} shows another agency's rows`).toBe(false);
          }
          // The demo gives both agencies members, units and audit rows: the filter is not vacuous.
          for (const table of ["Member", "OrgUnit", "AuditEvent"])
            expect(await agencyIdsIn(client, table)).toEqual(new Set([agencyId]));
        });
      }
    });

    it("a raw query on the agency's Prisma client (no tenant extension) is filtered by the database", async () => {
      const rows = await agencyClientFor(prisma, metroId).$queryRawUnsafe<{ agencyId: string }[]>(
        `SELECT DISTINCT "agencyId"::text AS "agencyId" FROM "Member"`,
      );
      expect(rows).toEqual([{ agencyId: metroId }]);
      expect(await prisma.member.count()).toBe(0);
    });

    it("fails closed without an agency: on a fresh connection and on one an earlier transaction had set (TI-04)", async () => {
      const fresh = new pg.Client({ connectionString: t.postgres!.appUrl });
      await fresh.connect();
      try {
        expect((await fresh.query(`SELECT current_setting($1, true) AS value`, [AGENCY_SETTING])).rows[0].value).toBeNull();
        for (const table of TENANT_TABLES)
          expect((await fresh.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n, table).toBe(0);
        await fresh.query("BEGIN");
        await fresh.query("SELECT set_config($1, $2, true)", [AGENCY_SETTING, metroId]);
        expect((await fresh.query(`SELECT count(*)::int AS n FROM "Member"`)).rows[0].n).toBeGreaterThan(0);
        await fresh.query("COMMIT");
        expect((await fresh.query(`SELECT current_setting($1, true) AS value`, [AGENCY_SETTING])).rows[0].value).toBe("");
        for (const table of TENANT_TABLES)
          expect((await fresh.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n, table).toBe(0);
      } finally {
        await fresh.end();
      }
    });

    it("refuses a row for another agency, or for none (WITH CHECK)", async () => {
      const insertUnit = (client: pg.PoolClient, agencyId: string) =>
        client.query(
          `INSERT INTO "OrgUnit" (id, "agencyId", name, kind, "updatedAt") VALUES (gen_random_uuid(), $1, 'Smuggled', 'UNIT', now())`,
          [agencyId],
        );
      await expect(asAppFor(metroId, (client) => insertUnit(client, lakeviewId))).rejects.toThrow(/row-level security/);
      await expect(asAppFor(null, (client) => insertUnit(client, metroId))).rejects.toThrow(/row-level security/);
      await expect(
        asAppFor(metroId, (client) =>
          client.query(`UPDATE "OrgUnit" SET "agencyId" = $1 WHERE "agencyId" = $2`, [lakeviewId, metroId]),
        ),
      ).rejects.toThrow(/row-level security/);
      const smuggled = await asAppFor(lakeviewId, (client) => client.query(`SELECT 1 FROM "OrgUnit" WHERE name = 'Smuggled'`));
      expect(smuggled.rowCount).toBe(0);
    });

    it("setting some other variable opens nothing (TI-11)", async () => {
      await asAppFor(null, async (client) => {
        for (const setting of ["roundtable.bypass_rls", "app.bypass_rls", "row_security"]) {
          await client.query("SELECT set_config($1, 'on', true)", [setting]).catch(() => undefined);
        }
        expect((await client.query(`SELECT count(*)::int AS n FROM "Member"`)).rows[0].n).toBe(0);
      }).catch((error: Error) => {
        // row_security = on is allowed; a refusal of a setting aborts the transaction, which is also closed.
        expect(error.message).not.toMatch(/Member/);
      });
    });
  });

  describe("the audit trail is append-only", () => {
    it("the application role cannot update, delete or truncate audit rows (AU-04)", async () => {
      for (const statement of [
        `UPDATE "AuditEvent" SET action = 'forged'`,
        `DELETE FROM "AuditEvent"`,
        `TRUNCATE "AuditEvent"`,
      ]) {
        await expect(
          asAppFor(metroId, (client) => client.query(statement)),
          statement,
        ).rejects.toThrow(/permission denied/);
      }
    });

    it("the owner's updates and deletes are refused by the trigger too", async () => {
      const client = await owner.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT set_config($1, $2, true)", [AGENCY_SETTING, metroId]);
        await expect(client.query(`UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(/append-only/);
        await client.query("ROLLBACK");
        await client.query("BEGIN");
        await client.query("SELECT set_config($1, $2, true)", [AGENCY_SETTING, metroId]);
        await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
        await client.query("ROLLBACK");
      } finally {
        client.release();
      }
    });
  });

  describe("the application's per-agency clients", () => {
    it("keep agencies apart under interleaved concurrent use of few connections, batched lookups included (TI-05)", async () => {
      const metro = agencyClientFor(prisma, metroId);
      const lakeview = agencyClientFor(prisma, lakeviewId);
      const metroMember = await metro.member.findFirstOrThrow({ select: { id: true } });
      const lakeviewMember = await lakeview.member.findFirstOrThrow({ select: { id: true } });
      for (let round = 0; round < 100; round++) {
        // Same tick, same shape: Prisma would batch these findUnique calls if they shared a client.
        const [a, b, listA, listB] = await Promise.all([
          metro.member.findUnique({ where: { id: metroMember.id }, select: { agencyId: true } }),
          lakeview.member.findUnique({ where: { id: lakeviewMember.id }, select: { agencyId: true } }),
          metro.member.findMany({ select: { agencyId: true } }),
          lakeview.$transaction((tx) => tx.member.findMany({ select: { agencyId: true } })),
        ]);
        expect(a?.agencyId).toBe(metroId);
        expect(b?.agencyId).toBe(lakeviewId);
        expect(listA.every((row) => row.agencyId === metroId) && listA.length > 0).toBe(true);
        expect(listB.every((row) => row.agencyId === lakeviewId) && listB.length > 0).toBe(true);
      }
    });

    it("roll back every write of a transaction that fails after its first write (TI-12)", async () => {
      const metro = agencyClientFor(prisma, metroId);
      await expect(
        metro.$transaction(async (tx) => {
          await tx.orgUnit.create({ data: { agencyId: metroId, name: "Rolled back unit", kind: "UNIT" } });
          const seen = await tx.$queryRawUnsafe<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM "OrgUnit" WHERE "agencyId" <> $1::uuid`,
            metroId,
          );
          expect(seen[0]!.n).toBe(0);
          throw new Error("second write failed");
        }),
      ).rejects.toThrow("second write failed");
      expect(await metro.orgUnit.count({ where: { name: "Rolled back unit" } })).toBe(0);
    });

    it("run serializable transactions too (the isolation level is sent before the agency setting)", async () => {
      const count = await agencyClientFor(prisma, metroId).$transaction((tx) => tx.member.count(), {
        isolationLevel: "Serializable",
      });
      expect(count).toBeGreaterThan(0);
    });
  });
});
