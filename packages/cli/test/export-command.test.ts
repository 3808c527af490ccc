import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@roundtable/db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { exportCommand } from "../src/commands/export.ts";
import { runCaptured } from "./run-captured.ts";

const run = (args: string[]) => runCaptured(exportCommand, args);

describe("roundtable export", { timeout: 120_000 }, () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "roundtable-export-"));
    const database = await openDatabase({ dataDir: join(dir, "data"), purpose: "export-command test" });
    const metro = await database.prisma.agency.create({ data: { slug: "metro", name: "Metro County Sheriff's Department" } });
    const nextMonth = new Date(Date.now() + 30 * 86_400_000);
    const base = { agencyId: metro.id, kind: "COMMUNITY_MEETING" as const, startsAt: nextMonth, location: "Eastside library" };
    await database.prisma.activity.create({
      data: { ...base, title: '=HYPERLINK("http://evil.example")', minutes: "internal notes" },
    });
    await database.prisma.activity.create({ data: { ...base, title: "Private block party", departmentSponsored: false } });
    await database.close();
    process.env.DATA_DIR = join(dir, "data");
    delete process.env.DATABASE_URL;
  }, 300_000);
  afterEach(() => {
    process.exitCode = undefined;
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the upcoming public meetings as CSV a spreadsheet cannot execute, and nothing internal", async () => {
    const { stdout, exitCode } = await run(["--agency", "metro", "--dataset", "upcoming-meetings", "--format", "csv"]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`'=HYPERLINK(""http://evil.example"")`);
    expect(stdout).not.toMatch(/^=/m);
    expect(stdout).not.toContain("internal notes");
    expect(stdout).not.toContain("Private block party");
  });

  it("prints JSON too", async () => {
    const { stdout } = await run(["--agency", "metro", "--dataset", "upcoming-meetings", "--format", "json"]);
    expect(JSON.stringify(JSON.parse(stdout))).toContain("Eastside library");
  });

  it("says so, with exit 1, for an unknown agency", async () => {
    const { stderr, exitCode } = await run(["--agency", "nowhere", "--dataset", "published-reports", "--format", "csv"]);
    expect(exitCode).toBe(1);
    expect(stderr).toBe('roundtable: export: no agency has the slug "nowhere"\n');
  });
});
