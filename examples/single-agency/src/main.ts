import { runTour } from "./tour.ts";

for (const stop of await runTour()) {
  console.log(`\n# ${stop.title}\n${stop.query}\n${JSON.stringify(stop.result, null, 2)}`);
}
