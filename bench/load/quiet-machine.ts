import { cpus } from "node:os";

export interface QuietWait {
  /** Share of all cores' time that was busy over the last sample (0-1). */
  busyShare: number;
  waitedMs: number;
  /** False when the machine never got quiet before the timeout and the measurement ran anyway. */
  quiet: boolean;
}

function cpuTimes() {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/**
 * Waits until the whole machine is nearly idle (at most `maxBusyShare` of all cores busy over
 * `sampleMs`), so that a measurement does not start while PostgreSQL is still vacuuming after
 * the previous workload's writes or a just-stopped server is still exiting. Measurements taken
 * minutes apart are compared as ratios; starting each from the same quiet machine keeps what
 * ran before out of them. Gives up after `timeoutMs` and says so.
 */
export async function untilMachineIsQuiet({ maxBusyShare = 0.15, sampleMs = 500, timeoutMs = 30_000 } = {}): Promise<QuietWait> {
  const started = performance.now();
  for (;;) {
    const before = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, sampleMs));
    const after = cpuTimes();
    const busyShare = (after.busy - before.busy) / Math.max(after.total - before.total, 1);
    const waitedMs = Math.round(performance.now() - started);
    const quiet = busyShare <= maxBusyShare;
    if (quiet || waitedMs >= timeoutMs) return { busyShare: Math.round(busyShare * 100) / 100, waitedMs, quiet };
  }
}
