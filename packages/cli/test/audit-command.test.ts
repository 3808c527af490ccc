import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendAuditEvent, scopeToAgency, seedDemo } from "@roundtable/core";
import { openDatabase } from "@roundtable/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCommand } from "../src/commands/audit.ts";
import { runCaptured } from "./run-captured.ts";

const run = (args: string[]) => runCaptured(auditCommand, args);

async function withDatabase<T>(dataDir: string, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir, purpose: "audit-command test" });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/**
 * Changes the data folder's audit rows as a tamperer with the database's superuser would:
 * past the append-only trigger, which such a user can switch off.
 */
async function tamper(dataDir: string, work: (prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"]) => Promise<unknown>) {
  await withDatabase(dataDir, async ({ prisma, sql }) => {
    await sql.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await work(prisma);
    await sql.exec(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
  });
}

describe("roundtable audit verify / anchor", { timeout: 120_000 }, () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let dir: string;
  let dataDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "roundtable-audit-"));
    dataDir = join(dir, "data");
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    await withDatabase(dataDir, async ({ prisma }) => {
      await seedDemo(prisma);
      const metro = await prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } });
      const db = scopeToAgency(prisma, metro.id);
      for (let i = 0; i < 4; i++) {
        await db.$transaction((tx) =>
          appendAuditEvent(tx, {
            actorMemberId: null,
            actorRoles: ["CHIEF"],
            action: "test.change",
            entityType: "Test",
            entityId: String(i),
            outcome: "SUCCESS",
            requestId: `req-${i}`,
            source: null,
          }),
        );
      }
    });
  });
  afterAll(() => {
    Object.assign(process.env, saved);
    if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    rmSync(dir, { recursive: true, force: true });
  });

  it("verifies an intact chain, prints its head as the anchor, and catches a cut tail against that anchor", async () => {
    const verified = await run(["verify", "--agency", "metro"]);
    expect(verified).toMatchObject({ exitCode: 0, stderr: "" });
    expect(verified.stdout).toMatch(/^audit chain of metro: \d+ events verified; head \d+:[0-9a-f]{64}\n$/);
    const anchor = await run(["anchor", "--agency", "metro"]);
    expect(anchor.stdout).toMatch(/^\d+:[0-9a-f]{64}\n$/);
    const head = anchor.stdout.trim();
    const seq = Number(head.split(":")[0]);

    await tamper(dataDir, (prisma) => prisma.auditEvent.deleteMany({ where: { agency: { slug: "metro" }, seq } }));
    expect((await run(["verify", "--agency", "metro"])).exitCode).toBe(0);
    const truncated = await run(["verify", "--agency", "metro", "--anchor", head]);
    expect(truncated.exitCode).toBe(1);
    expect(truncated.stderr).toBe(
      `roundtable: audit chain of metro is broken at seq ${seq}: the chain ends at seq ${seq - 1} but the anchor names seq ${seq}: rows were cut from the end\n`,
    );
  });

  it("reports the first changed row by its seq", async () => {
    await tamper(dataDir, (prisma) =>
      prisma.auditEvent.updateMany({ where: { agency: { slug: "metro" }, seq: 2 }, data: { action: "test.forged" } }),
    );
    const result = await run(["verify", "--agency", "metro"]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe("roundtable: audit chain of metro is broken at seq 2: seq 2 was changed after it was written\n");
  });

  it("says what is wrong with how it was called", async () => {
    await expect(run(["verify"])).rejects.toThrow(/--agency SLUG is required/);
    await expect(run(["verify", "--agency", "metro", "--anchor", "12"])).rejects.toThrow(
      /--anchor: anchor must look like SEQ:HASH/,
    );
    expect((await run(["verify", "--agency", "nowhere"])).stderr).toMatch(/no agency has the slug "nowhere"/);
  });
});
