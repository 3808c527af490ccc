/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC through libuv). Unlike
 * `performance.now()`, whose origin is each process's start, this clock is the same in every
 * process on the machine, so a commit stamped in the server process and a receipt stamped in
 * a subscriber process can be subtracted.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
