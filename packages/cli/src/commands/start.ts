import { loadConfig, startServer } from "@roundtable/server";
import { UsageError } from "../usage.ts";

/** Serves until SIGTERM or SIGINT, then shuts down gracefully. */
export async function startCommand(args: string[]): Promise<void> {
  if (args.length > 0) throw new UsageError(`start: unexpected argument ${args[0]}`);
  const server = await startServer(loadConfig());
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
