export { SeededRandom } from "@roundtable/testing";

/**
 * The run's seed: `FUZZ_SEED` as a number, a fresh one for `FUZZ_SEED=random` (to explore;
 * it is printed with every failure), else `fallback`, so that CI runs the same operations
 * every time.
 */
export function seedFromEnvironment(value: string | undefined, fallback: number): number {
  if (value === "random") return (Date.now() ^ (process.pid << 16)) >>> 0;
  if (value && /^\d+$/.test(value)) return Number(value) >>> 0;
  return fallback;
}
