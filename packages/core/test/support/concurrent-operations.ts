import fc from "fast-check";

/**
 * The operations the concurrency invariants test sends at once, as data fast-check can
 * generate and print. Targets are picked by index among what the world holds when the
 * batch starts; versions are that state plus an offset (mostly 0, sometimes stale or ahead).
 */
export type Slug = "metro" | "lakeview";

export type Operation =
  | { kind: "createStakeholder"; agency: Slug; label: string }
  | { kind: "updateStakeholder"; agency: Slug; pick: number; offset: number; label: string }
  | { kind: "savePlanSection"; agency: Slug; key: string; offset: number; label: string }
  | { kind: "createReport"; agency: Slug; period: number }
  | { kind: "editReport"; agency: Slug; pick: number; offset: number; label: string }
  | { kind: "submitReport"; agency: Slug; pick: number }
  | { kind: "approveReport"; agency: Slug; pick: number; offset: number }
  | { kind: "memberCheckIn"; agency: Slug; activity: number; member: number }
  | { kind: "codeCheckIn"; agency: Slug; activity: number }
  | { kind: "refusedCreate"; agency: Slug };

/** How many report periods operations aim at: few, so creations of the same report collide. */
export const REPORT_PERIODS = 4;
export const PLAN_SECTION_KEYS = ["summary", "partners", "next-steps"] as const;

const agency = fc.constantFrom<Slug>("metro", "lakeview");
const pick = fc.nat({ max: 1000 });
const offset = fc.constantFrom(0, 0, 0, 0, 0, -1, 1);
const label = fc.constantFrom("Lincoln", "Roosevelt", "Harbor", "Valley", "Oak", "Elm", "Cedar", "Maple");

export const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("createStakeholder" as const), agency, label }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("updateStakeholder" as const), agency, pick, offset, label }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("savePlanSection" as const),
      agency,
      key: fc.constantFrom(...PLAN_SECTION_KEYS),
      offset,
      label,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("createReport" as const),
      agency,
      period: fc.nat({ max: REPORT_PERIODS - 1 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("editReport" as const), agency, pick, offset, label }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("submitReport" as const), agency, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("approveReport" as const), agency, pick, offset }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("memberCheckIn" as const),
      agency,
      activity: fc.nat({ max: 2 }),
      member: fc.nat({ max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("codeCheckIn" as const), agency, activity: fc.nat({ max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("refusedCreate" as const), agency }) },
);

/** A run: batches of 20 to 50 operations; each batch is sent at once, one after another. */
export const runArb = fc.array(fc.array(operationArb, { minLength: 20, maxLength: 50 }), { minLength: 6, maxLength: 10 });
