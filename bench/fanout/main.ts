/**
 * pnpm bench:fanout [--subscribers 5000] [--database embedded|postgres] [--events 5]
 *                   [--client-processes 0] [--pin] [--concurrency 100] [--pause-ms 500]
 *                   [--profile server.cpuprofile] [--no-baseline] [--out path.json]
 * Prints a markdown table; the JSON result goes to --out, or to stdout after the table.
 * Progress goes to stderr. 5,000 sockets per process need `ulimit -n` above 5,000.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { formatFanoutMarkdown } from "./fanout-markdown.ts";
import { runSubscriptionFanout } from "./subscription-fanout.ts";

const { values } = parseArgs({
  options: {
    subscribers: { type: "string", default: "5000" },
    database: { type: "string", default: "embedded" },
    events: { type: "string", default: "5" },
    "client-processes": { type: "string", default: "0" },
    pin: { type: "boolean", default: false },
    concurrency: { type: "string", default: "100" },
    "pause-ms": { type: "string", default: "500" },
    out: { type: "string" },
    profile: { type: "string" },
    "no-baseline": { type: "boolean", default: false },
  },
});

const count = (name: string, value: string, minimum: number) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) throw new Error(`--${name} must be an integer of at least ${minimum}`);
  return parsed;
};
if (values.database !== "embedded" && values.database !== "postgres") throw new Error("--database must be embedded or postgres");

const result = await runSubscriptionFanout({
  subscribers: count("subscribers", values.subscribers, 1),
  database: values.database,
  events: count("events", values.events, 1),
  clientProcesses: count("client-processes", values["client-processes"], 0),
  pinCpus: values.pin,
  connectConcurrency: count("concurrency", values.concurrency, 1),
  pauseMs: count("pause-ms", values["pause-ms"], 0),
  ...(values.profile ? { profilePath: values.profile } : {}),
  baseline: !values["no-baseline"],
  log: (line) => process.stderr.write(`[fanout] ${line}\n`),
});

process.stdout.write(`${formatFanoutMarkdown(result)}\n`);
if (values.out) await writeFile(values.out, `${JSON.stringify(result, null, 2)}\n`);
else process.stdout.write(`\n${JSON.stringify(result, null, 2)}\n`);
