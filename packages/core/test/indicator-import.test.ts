import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIndicatorCsv } from "../src/domain/indicator-csv.ts";

const IMPORT = `mutation ($csv: String!) { importIndicatorObservations(csv: $csv) { imported created updated } }`;
const HEADER = "indicator,unit,period_start,period_end,value";

describe("reading indicator CSV", () => {
  it("reads quoted fields, any column order, CRLF line ends and a byte-order mark, counting blank lines", () => {
    const csv = `\uFEFFvalue,Unit,indicator,period_start,period_end\r\n\r\n12,"Harbor Station",burglary,2026-01-01,2026-01-31\r\n"3.5","Smith, Jones ""Annex""",graffiti-reports,2026-01-01,2026-01-31\r\n`;
    expect(parseIndicatorCsv(csv)).toEqual({
      problems: [],
      rows: [
        {
          line: 3,
          indicator: "burglary",
          unit: "Harbor Station",
          periodStart: new Date("2026-01-01T00:00:00Z"),
          periodEnd: new Date("2026-01-31T00:00:00Z"),
          value: 12,
        },
        {
          line: 4,
          indicator: "graffiti-reports",
          unit: 'Smith, Jones "Annex"',
          periodStart: new Date("2026-01-01T00:00:00Z"),
          periodEnd: new Date("2026-01-31T00:00:00Z"),
          value: 3.5,
        },
      ],
    });
  });

  it("requires the header line and names what is missing or unknown", () => {
    expect(parseIndicatorCsv("burglary,ES,2026-01-01,2026-01-31,4\n").problems).toEqual([
      { line: 1, message: expect.stringMatching(/^unknown column "burglary"/) },
      { line: 1, message: expect.stringMatching(/^unknown column "ES"/) },
      { line: 1, message: expect.stringMatching(/^unknown column "2026-01-01"/) },
      { line: 1, message: expect.stringMatching(/^unknown column "2026-01-31"/) },
      { line: 1, message: expect.stringMatching(/^unknown column "4"/) },
      { line: 1, message: expect.stringMatching(/^missing columns indicator, unit, period_start, period_end, value/) },
    ]);
    expect(parseIndicatorCsv("").problems).toEqual([{ line: 1, message: expect.stringMatching(/^the file is empty/) }]);
  });

  it("refuses numbers that are not plain, negative or infinite, and days that do not exist", () => {
    const csv = [
      HEADER,
      "burglary,ES,2026-02-30,2026-03-01,1",
      "burglary,ES,2026-01-01,2026-01-31,1e400",
      "burglary,ES,2026-01-01,2026-01-31,0x1F",
    ].join("\n");
    expect(parseIndicatorCsv(csv).problems).toEqual([
      { line: 2, message: 'period_start "2026-02-30" is not a date written YYYY-MM-DD' },
      { line: 3, message: 'value "1e400" is not a number of 0 or more' },
      { line: 4, message: 'value "0x1F" is not a number of 0 or more' },
    ]);
  });
});

describe("importing indicator observations", () => {
  let t: TestApp;
  let coordinator: string;

  const observationCount = () => t.database.prisma.observation.count();
  const importAs = (token: string, csv: string) =>
    t.graphql<{ importIndicatorObservations: { imported: number; created: number; updated: number } }>(IMPORT, {
      token,
      variables: { csv },
    });

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.tokenFor("metro", "COORDINATOR");
  });
  afterAll(() => t.close());

  it("reports every bad line with its number and reason, and imports nothing", async () => {
    const before = await observationCount();
    const auditsBefore = await t.database.prisma.auditEvent.count();
    const csv = [
      HEADER,
      "burglary,ES,2026-11-01,2026-11-30,9",
      "burglary,ES,2026-12-01,2026-12-31,-3",
      "vehicle-theft,Harbor Station,2026/11/01,2026-11-30,4",
      "",
      "graffiti-reports,Nowhere,2026-11-01,2026-11-30,12",
      "arson,ES,2026-11-01,2026-11-30,1",
      "burglary,VS,2026-11-30,2026-11-01,2",
      "burglary,HS,2026-11-01",
      "burglary,Eastside Station,2026-11-01,2026-11-30,10",
    ].join("\n");
    const response = await importAs(coordinator, csv);
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/^csv: 7 problems, nothing was imported \(line 3: /);
    expect(response.errors?.[0]?.extensions?.rows).toEqual([
      { line: 3, message: 'value "-3" is not a number of 0 or more' },
      { line: 4, message: 'period_start "2026/11/01" is not a date written YYYY-MM-DD' },
      { line: 6, message: 'unit "Nowhere" is not an org unit of this agency' },
      { line: 7, message: 'indicator "arson" is not defined in this agency; define it before importing' },
      { line: 8, message: "period_end 2026-11-01 is before period_start 2026-11-30" },
      { line: 9, message: "expected 5 fields, found 3" },
      { line: 10, message: "same indicator, unit and period_start as line 2" },
    ]);
    expect(await observationCount()).toBe(before);
    expect(await t.database.prisma.auditEvent.count()).toBe(auditsBefore);
  });

  it("imports a clean file by unit code or name, audits it, and updates the values when the file comes again", async () => {
    const before = await observationCount();
    const csv = [
      HEADER,
      "burglary,ES,2026-11-01,2026-11-30,9",
      'vehicle-theft,"Harbor Station",2026-11-01,2026-11-30,4',
      "graffiti-reports,VS,2026-11-01,2026-11-30,27.5",
    ].join("\n");
    const first = await importAs(coordinator, csv);
    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual({ importIndicatorObservations: { imported: 3, created: 3, updated: 0 } });
    expect(await observationCount()).toBe(before + 3);
    const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "indicator-observations.import" } });
    expect(audit?.after).toMatchObject({ imported: 3, created: 3, updated: 0 });

    const corrected = csv.replace("2026-11-30,9", "2026-11-30,11");
    const again = await importAs(coordinator, corrected);
    expect(again.data).toEqual({ importIndicatorObservations: { imported: 3, created: 0, updated: 3 } });
    expect(await observationCount()).toBe(before + 3);
    const burglary = await t.database.prisma.observation.findFirstOrThrow({
      where: {
        indicator: { key: "burglary", agency: { slug: "metro" } },
        unit: { code: "ES" },
        periodStart: new Date("2026-11-01"),
      },
    });
    expect(burglary.value).toBe(11);
  });

  it('says another agency\'s unit "is not an org unit of this agency"', async () => {
    const before = await observationCount();
    const response = await importAs(coordinator, [HEADER, "burglary,Patrol Bureau,2026-11-01,2026-11-30,5"].join("\n"));
    expect(response.errors?.[0]?.extensions?.rows).toEqual([
      { line: 2, message: 'unit "Patrol Bureau" is not an org unit of this agency' },
    ]);
    expect(await observationCount()).toBe(before);
  });

  it("lets a unit commander import only the units they command", async () => {
    const commander = await t.tokenFor("metro", "UNIT_COMMANDER");
    const before = await observationCount();
    const refused = await importAs(
      commander,
      [HEADER, "burglary,ES,2026-12-01,2026-12-31,8", "burglary,HS,2026-12-01,2026-12-31,8"].join("\n"),
    );
    expect(refused.errors?.[0]?.extensions?.rows).toEqual([{ line: 3, message: 'unit "HS" is not a unit you command' }]);
    expect(await observationCount()).toBe(before);
    const own = await importAs(commander, [HEADER, "burglary,ES,2026-12-01,2026-12-31,8"].join("\n"));
    expect(own.data).toEqual({ importIndicatorObservations: { imported: 1, created: 1, updated: 0 } });
  });

  it("refuses a plain member and the public", async () => {
    const csv = [HEADER, "burglary,ES,2027-01-01,2027-01-31,1"].join("\n");
    expect((await importAs(await t.tokenFor("metro", "MEMBER"), csv)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asPublic = await t.graphql(IMPORT, { variables: { csv } });
    expect(asPublic.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a file over the size cap before reading its lines", async () => {
    const huge = `${HEADER}\n${"burglary,ES,2026-01-01,2026-01-31,1\n".repeat(150_000)}`;
    const response = await importAs(coordinator, huge);
    expect(response.errors?.[0]?.extensions?.rows).toEqual([{ line: 1, message: "the file is larger than 5 MB" }]);
  });
});
