/**
 * A small deterministic random source (mulberry32), so that a fuzz run is replayed exactly
 * from its seed: every choice the generator makes comes from here, never from Math.random.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.below(items.length)] as T;
  }

  /** Up to `max` distinct items, in random order. */
  some<T>(items: readonly T[], max: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    const count = Math.min(pool.length, this.below(max + 1));
    for (let index = 0; index < count; index += 1) chosen.push(...pool.splice(this.below(pool.length), 1));
    return chosen;
  }
}

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
