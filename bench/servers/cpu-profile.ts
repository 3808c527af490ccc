import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

/**
 * With BENCH_CPU_PROFILE=<file>, a server script records a V8 CPU profile from start to
 * shutdown (open it in Chrome DevTools or speedscope): where a workload's time goes.
 */
export async function startCpuProfileIfAsked(): Promise<(() => Promise<void>) | undefined> {
  const path = process.env.BENCH_CPU_PROFILE;
  if (!path) return undefined;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(path, JSON.stringify(profile));
  };
}
