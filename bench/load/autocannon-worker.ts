/**
 * The load generator, in its own process on its own core: runs one autocannon measurement
 * described by the parent over IPC and sends back the figures the bench reports.
 */
import autocannon from "autocannon";
import type { LoadOptions, LoadResult } from "./run-load.ts";

process.once("message", (options: LoadOptions) => {
  autocannon(
    {
      url: options.url,
      method: options.method,
      headers: options.headers,
      body: options.body,
      connections: options.connections,
      duration: options.durationSeconds,
      ...(options.amount ? { amount: options.amount } : {}),
      ...(options.overallRate ? { overallRate: options.overallRate } : {}),
      timeout: 30,
    },
    (error, result) => {
      if (error) {
        process.send?.({ error: String(error) }, () => process.exit(1));
        return;
      }
      const figures: LoadResult = {
        requests: result.requests.total,
        requestsPerSecond: result.requests.average,
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        seconds: result.duration,
      };
      process.send?.(figures, () => process.exit(0));
    },
  );
});
