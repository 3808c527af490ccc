import { loadConfig, type RunningServer, startServer } from "@roundtable/server";
import { UsageError } from "../usage.ts";

/** How long a graceful shutdown may wait for open requests before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Serves until SIGTERM or SIGINT, then shuts down gracefully (exit 0). A signal during
 * start-up stops the server once it is up, so the database is never left half-migrated; a
 * second signal, or a shutdown stuck past the grace period, closes the database and exits 1.
 */
export async function startCommand(args: string[]): Promise<void> {
  if (args.length > 0) throw new UsageError(`start: unexpected argument ${args[0]}`);
  const config = loadConfig();
  let server: RunningServer | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return forceExit(server, "stopping at once on a second signal");
    stopping = true;
    if (server) shutDown(server);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server = await startServer(config);
  if (stopping) shutDown(server);
}

function shutDown(server: RunningServer): void {
  setTimeout(
    () => forceExit(server, `open requests did not finish within ${SHUTDOWN_GRACE_MS / 1000}s of the stop signal`),
    SHUTDOWN_GRACE_MS,
  ).unref();
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`roundtable: shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}

let forcing = false;

function forceExit(server: RunningServer | undefined, reason: string): void {
  if (forcing) return;
  forcing = true;
  console.error(`roundtable: ${reason}; closing the database and exiting`);
  const closed = (server?.database.close() ?? Promise.resolve()).catch(() => undefined);
  const cap = new Promise((resolve) => setTimeout(resolve, 3_000));
  Promise.race([closed, cap]).then(() => process.exit(1));
}
