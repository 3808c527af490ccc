import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDemo } from "@roundtable/core";
import { openDatabase } from "@roundtable/db";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { importCommand } from "../src/commands/import.ts";
import { runCaptured } from "./run-captured.ts";

const HEADER = "indicator,unit,period_start,period_end,value";

const run = (args: string[]) => runCaptured(importCommand, args);

// Each run opens the on-disk database as the CLI does (and the set-up seeds the demo into it): slow on busy machines.
describe("roundtable import indicators", { timeout: 120_000 }, () => {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let dir: string;

  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join("\n")}\n`);
    return path;
  };
  /** What the imports left in metro: observations of 2027 and the CLI's audit rows. */
  const metroImports = async () => {
    const database = await openDatabase({ dataDir: join(dir, "data"), purpose: "import-command test" });
    try {
      const metro = { agency: { slug: "metro" } };
      return {
        observations: await database.prisma.observation.count({
          where: { ...metro, periodStart: { gte: new Date("2027-01-01") } },
        }),
        audits: await database.prisma.auditEvent.count({
          where: { ...metro, action: "indicator-observations.import", requestId: "cli:import-indicators" },
        }),
      };
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "roundtable-import-"));
    const database = await openDatabase({ dataDir: join(dir, "data"), purpose: "import-command test" });
    await seedDemo(database.prisma);
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

  it("imports a clean file into the agency and says how many, then updates on a second run", async () => {
    const csv = file("clean.csv", [
      HEADER,
      "burglary,ES,2027-01-01,2027-01-31,7",
      "graffiti-reports,Harbor Station,2027-01-01,2027-01-31,22",
    ]);
    expect(await run(["indicators", "--agency", "metro", csv])).toEqual({
      stdout: "Imported 2 observations (0 updated)\n",
      stderr: "",
      exitCode: 0,
    });
    expect((await run(["indicators", "--agency", "metro", csv])).stdout).toBe("Imported 2 observations (2 updated)\n");
    expect(await metroImports()).toEqual({ observations: 2, audits: 2 });
  });

  it("prints every bad line on stderr, exits 1 and imports nothing", async () => {
    const csv = file("bad.csv", [
      HEADER,
      "burglary,ES,2027-02-01,2027-02-28,7",
      "burglary,Nowhere,2027-02-01,2027-02-28,7",
      "vehicle-theft,VS,2027-02-01,2027-02-28,-1",
    ]);
    const result = await run(["indicators", "--agency", "metro", csv]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      'line 3: unit "Nowhere" is not an org unit of this agency',
      'line 4: value "-1" is not a number of 0 or more',
      `roundtable: ${csv}: 2 problems; nothing was imported`,
      "",
    ]);
    expect(await metroImports()).toEqual({ observations: 2, audits: 2 });
  });

  it("refuses an unknown agency with one line and exit status 1", async () => {
    const csv = file("any.csv", [HEADER, "burglary,ES,2027-03-01,2027-03-31,7"]);
    const result = await run(["indicators", "--agency", "gotham", csv]);
    expect(result).toEqual({
      stdout: "",
      stderr: 'roundtable: import indicators: no agency has the slug "gotham"\n',
      exitCode: 1,
    });
  });

  it("refuses a missing file with one line, and a call without agency or file as a usage error", async () => {
    const missing = await run(["indicators", "--agency", "metro", join(dir, "nope.csv")]);
    expect(missing).toMatchObject({ stdout: "", exitCode: 1 });
    expect(missing.stderr).toMatch(/^roundtable: cannot read .*nope\.csv \(ENOENT\)\n$/);
    await expect(importCommand(["indicators", join(dir, "any.csv")])).rejects.toThrow(/--agency SLUG is required/);
    await expect(importCommand(["indicators", "--agency", "metro"])).rejects.toThrow(/name the CSV file/);
    await expect(importCommand(["members", "--agency", "metro", "x.csv"])).rejects.toThrow(/cannot import "members"/);
  });
});
