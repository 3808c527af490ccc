import { agencyClientFor } from "@roundtable/db";
import { createTestApp, postgresAvailable, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHash, chainedContentOf, GENESIS_HASH } from "../src/audit/audit-hash.ts";
import { canonicalJson } from "../src/audit/canonical-json.ts";
import { verifyAuditChain } from "../src/audit/verify-audit-chain.ts";

const CREATE = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { stakeholder { id } } }`;

describe("audit hash chain: canonical form (golden vectors, AU-07)", () => {
  it("canonicalises the RFC 8785 sample as the RFC prints it", () => {
    const sample = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(sample)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("hashes a fixed audit record to the same SHA-256 whatever the key order", () => {
    const record = {
      agencyId: "6f1c2b3a-0000-4000-8000-000000000001",
      seq: 1,
      at: "2026-11-23T08:15:30.120Z",
      actorMemberId: null,
      actorRoles: ["CHIEF"],
      action: "stakeholder.create",
      entityType: "Stakeholder",
      entityId: "6f1c2b3a-0000-4000-8000-0000000000aa",
      outcome: "SUCCESS",
      before: null,
      after: { name: "Masjid Al-Noor", kind: "MOSQUE" },
      requestId: "req-1",
      source: "203.0.113.7",
      prevHash: GENESIS_HASH,
    };
    // Computed independently: printf '%s' '<canonical text>' | sha256sum
    const expected = "9cd7146fedab3ac37144e8d4ed79d40a5e6d0c8ac5a1a25d014f14202fe7a3d9";
    expect(auditHash(record)).toBe(expected);
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as typeof record;
    expect(auditHash({ ...reordered, after: { kind: "MOSQUE", name: "Masjid Al-Noor" } })).toBe(expected);
    expect(auditHash({ ...record, after: { name: "Masjid Al-Nur", kind: "MOSQUE" } })).not.toBe(expected);
  });
});

async function createStakeholders(t: TestApp, token: string, count: number, prefix: string) {
  for (let i = 0; i < count; i++) {
    const response = await t.graphql(CREATE, { token, variables: { input: { name: `${prefix} ${i}`, kind: "CHURCH" } } });
    expect(response.errors).toBeUndefined();
  }
}

describe("audit hash chain on the embedded database (AU-05)", () => {
  let t: TestApp;
  let metroId: string;
  let lakeviewId: string;
  const chain = () =>
    t.database.prisma.auditEvent.findMany({ where: { agencyId: metroId, seq: { not: null } }, orderBy: { seq: "asc" } });

  beforeAll(async () => {
    t = await createTestApp();
    metroId = (await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } })).id;
    lakeviewId = (await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "lakeview" } })).id;
    await createStakeholders(t, await t.tokenFor("metro", "COORDINATOR"), 5, "Metro partner");
    await createStakeholders(t, await t.tokenFor("lakeview", "COORDINATOR"), 2, "Lakeview partner");
  });
  afterAll(() => t.close());

  it("numbers each agency's audit events 1, 2, 3 ... and links each to the one before", async () => {
    const rows = await chain();
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    const lakeview = await t.database.prisma.auditEvent.findMany({ where: { agencyId: lakeviewId, seq: { not: null } } });
    expect(lakeview.map((row) => row.seq).sort()).toEqual([1, 2]);
    expect(await verifyAuditChain(t.database.prisma, metroId)).toMatchObject({ ok: true, checked: rows.length });
  });

  it("does not touch the agency row it locks", async () => {
    const before = await t.database.prisma.agency.findUniqueOrThrow({ where: { id: metroId } });
    await createStakeholders(t, await t.tokenFor("metro", "CHIEF"), 1, "Lock check");
    const after = await t.database.prisma.agency.findUniqueOrThrow({ where: { id: metroId } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  describe("tampering", () => {
    // Each case works on a copy of metro's chain restored afterwards, so the cases stay independent.
    let saved: Awaited<ReturnType<typeof chain>>;
    const restore = async () => {
      await t.database.prisma.auditEvent.deleteMany({ where: { agencyId: metroId, seq: { not: null } } });
      await t.database.prisma.auditEvent.createMany({
        data: saved.map((row) => ({ ...row, before: row.before ?? undefined, after: row.after ?? undefined })) as never,
      });
    };
    beforeAll(async () => {
      saved = await chain();
      // The tamperer has the database's superuser, who can switch the append-only trigger off;
      // the chain must still tell what they did.
      await t.database.sql.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    });

    it("finds a row whose content was changed, by its seq", async () => {
      await t.database.prisma.auditEvent.updateMany({
        where: { agencyId: metroId, seq: 3 },
        data: { after: { name: "Forged" } },
      });
      const report = await verifyAuditChain(t.database.prisma, metroId);
      expect(report).toMatchObject({ ok: false, checked: 2, problem: { seq: 3, kind: "changed" } });
      await restore();
    });

    it("finds a deleted row", async () => {
      await t.database.prisma.auditEvent.deleteMany({ where: { agencyId: metroId, seq: 2 } });
      expect((await verifyAuditChain(t.database.prisma, metroId)).problem).toMatchObject({ seq: 2, kind: "missing" });
      await restore();
    });

    it("finds two rows swapped", async () => {
      const [two, three] = [saved[1]!, saved[2]!];
      await t.database.prisma.auditEvent.updateMany({ where: { id: two.id }, data: { seq: -2 } });
      await t.database.prisma.auditEvent.updateMany({ where: { id: three.id }, data: { seq: 2 } });
      await t.database.prisma.auditEvent.updateMany({ where: { id: two.id }, data: { seq: 3 } });
      expect((await verifyAuditChain(t.database.prisma, metroId)).problem).toMatchObject({ seq: 2 });
      await restore();
    });

    it("finds a forged row even when its own hash was recomputed", async () => {
      const row = saved[2]!;
      const content = { ...chainedContentOf(row), after: { name: "Forged" } };
      await t.database.prisma.auditEvent.updateMany({
        where: { id: row.id },
        data: { after: { name: "Forged" }, hash: auditHash(content) },
      });
      expect((await verifyAuditChain(t.database.prisma, metroId)).problem).toMatchObject({ seq: 4, kind: "relinked" });
      await restore();
    });

    it("finds the tail cut off only against an anchor recorded outside the database", async () => {
      const anchor = (await verifyAuditChain(t.database.prisma, metroId)).head!;
      await t.database.prisma.auditEvent.deleteMany({ where: { agencyId: metroId, seq: { gte: anchor.seq - 1 } } });
      expect((await verifyAuditChain(t.database.prisma, metroId)).ok).toBe(true);
      const report = await verifyAuditChain(t.database.prisma, metroId, { anchor });
      expect(report).toMatchObject({ ok: false, problem: { kind: "truncated", seq: anchor.seq - 1 } });
      await restore();
      expect((await verifyAuditChain(t.database.prisma, metroId, { anchor })).ok).toBe(true);
    });
  });
});

describe.skipIf(!postgresAvailable)("audit hash chain under concurrency on PostgreSQL (AU-06)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ database: "postgres" });
  });
  afterAll(() => t?.close());

  it("keeps one contiguous chain per agency when 30 changes commit at once", async () => {
    const [metro, lakeview] = [await t.tokenFor("metro", "COORDINATOR"), await t.tokenFor("lakeview", "COORDINATOR")];
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.graphql(CREATE, {
          token: i % 3 === 0 ? lakeview : metro,
          variables: { input: { name: `Partner ${i}`, kind: "SCHOOL" } },
        }),
      ),
    );
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    for (const slug of ["metro", "lakeview"]) {
      const agency = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug } });
      const seqs = (
        await agencyClientFor(t.database.prisma, agency.id).auditEvent.findMany({
          where: { agencyId: agency.id, seq: { not: null } },
          select: { seq: true },
        })
      )
        .map((row) => row.seq as number)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
      expect(await verifyAuditChain(t.database.prisma, agency.id)).toMatchObject({ ok: true });
    }
  });
});
