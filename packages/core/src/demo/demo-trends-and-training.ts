import type { IndicatorCategory } from "@roundtable/db";
import type { RoleName } from "../auth/roles.ts";
import { DEMO_AGENCIES } from "./demo-agencies.ts";
import type { DemoContext, DemoStep } from "./demo-context.ts";

interface DemoIndicator {
  key: string;
  name: string;
  category: IndicatorCategory;
  unitName: string;
  /** Monthly level at the first station, the step to each next one, and the seasonal swing. */
  base: number;
  perUnit: number;
  swing: number;
  /** Peak month (0 = January) of the seasonal swing. */
  peak: number;
  /** Change per month over the two years. */
  slope: number;
}

const INDICATORS: DemoIndicator[] = [
  {
    key: "burglary",
    name: "Burglary",
    category: "CRIME",
    unitName: "reported incidents",
    base: 18,
    perUnit: 5,
    swing: 3,
    peak: 11,
    slope: -0.2,
  },
  {
    key: "vehicle-theft",
    name: "Vehicle theft",
    category: "CRIME",
    unitName: "reported incidents",
    base: 24,
    perUnit: 3,
    swing: 2,
    peak: 9,
    slope: 0.25,
  },
  {
    key: "graffiti-reports",
    name: "Graffiti reports",
    category: "QUALITY_OF_LIFE",
    unitName: "reports",
    base: 30,
    perUnit: 7,
    swing: 8,
    peak: 6,
    slope: -0.4,
  },
];

/** November 2024 to October 2026: two years of monthly figures. */
const FIRST_MONTH = Date.UTC(2024, 10, 1);
const MONTHS = 24;

/** Who completed what, per agency: some members reach CPP-19's eight hours, some do not yet. */
const RECORDS: Record<string, [RoleName, "foundations" | "refresher", string][]> = {
  metro: [
    ["CHIEF", "foundations", "2026-02-10"],
    ["UNIT_COMMANDER", "foundations", "2026-01-20"],
    ["UNIT_COMMANDER", "refresher", "2026-06-05"],
    ["COORDINATOR", "foundations", "2026-03-12"],
    ["MEMBER", "refresher", "2026-04-22"],
    ["AGENCY_ADMIN", "refresher", "2026-05-14"],
  ],
  lakeview: [
    ["CHIEF", "foundations", "2026-03-03"],
    ["COORDINATOR", "foundations", "2026-03-03"],
    ["COORDINATOR", "refresher", "2026-08-19"],
    ["MEMBER", "foundations", "2026-02-26"],
    ["UNIT_COMMANDER", "refresher", "2026-07-08"],
  ],
};

/** Three indicators with two years of figures per field unit, two courses, and a few members' records. */
export const seedTrendsAndTraining: DemoStep = async (demo) => {
  await seedTrends(demo);
  await seedTraining(demo);
};

async function seedTrends({ tx, agency, units }: DemoContext): Promise<void> {
  const fieldUnits = fieldUnitsOf(agency.slug).map((name) => units.get(name)!);
  for (const indicator of INDICATORS) {
    const { id: indicatorId } = await tx.indicator.create({
      data: {
        agencyId: agency.id,
        key: indicator.key,
        name: indicator.name,
        category: indicator.category,
        unitName: indicator.unitName,
      },
    });
    const data = fieldUnits.flatMap((unitId, unitIndex) =>
      Array.from({ length: MONTHS }, (_, month) => {
        const periodStart = new Date(FIRST_MONTH);
        periodStart.setUTCMonth(periodStart.getUTCMonth() + month);
        const periodEnd = new Date(Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth() + 1, 0));
        return {
          agencyId: agency.id,
          indicatorId,
          unitId,
          periodStart,
          periodEnd,
          value: monthlyValue(indicator, unitIndex, month, periodStart),
        };
      }),
    );
    await tx.observation.createMany({ data });
  }
}

/** A deterministic, plausible monthly count: level, seasonal swing, slow trend, and a little wobble. */
function monthlyValue(indicator: DemoIndicator, unitIndex: number, month: number, periodStart: Date): number {
  const season = Math.cos(((periodStart.getUTCMonth() - indicator.peak) / 12) * 2 * Math.PI);
  const wobble = ((month * 7 + unitIndex * 3) % 5) - 2;
  const value = indicator.base + indicator.perUnit * unitIndex + indicator.swing * season + indicator.slope * month + wobble;
  return Math.max(0, Math.round(value));
}

/** Patrol stations where the agency has them (metro), otherwise its bureaus and units (lakeview). */
function fieldUnitsOf(slug: string): string[] {
  const units = DEMO_AGENCIES.find((demo) => demo.slug === slug)?.units ?? [];
  const stations = units.filter((unit) => unit.kind === "PATROL_STATION");
  return (stations.length > 0 ? stations : units.filter((unit) => unit.kind === "BUREAU" || unit.kind === "UNIT")).map(
    (unit) => unit.name,
  );
}

async function seedTraining({ tx, agency, members }: DemoContext): Promise<void> {
  const academy = agency.slug === "metro" ? "Metro County Sheriff's Training Bureau" : "Lakeview Police Academy";
  const foundations = await tx.trainingCourse.create({
    data: {
      agencyId: agency.id,
      title: "Community Policing Foundations",
      hours: 8,
      delivery: "IN_PERSON",
      topics: ["partnerships", "problem solving (SARA)", "engaging distrustful communities"],
      provider: academy,
    },
  });
  const refresher = await tx.trainingCourse.create({
    data: {
      agencyId: agency.id,
      title: "Procedural Justice Refresher",
      hours: 2,
      delivery: "ONLINE",
      topics: ["procedural justice", "bias-free policing"],
      provider: "Regional Community Policing Institute",
    },
  });
  const courses = { foundations, refresher };
  await tx.trainingRecord.createMany({
    data: (RECORDS[agency.slug] ?? []).flatMap(([role, course, day]) => {
      const memberId = members.get(role);
      if (!memberId) return [];
      const { id: courseId, hours } = courses[course];
      return [{ agencyId: agency.id, memberId, courseId, completedOn: new Date(`${day}T00:00:00Z`), hours }];
    }),
  });
}
