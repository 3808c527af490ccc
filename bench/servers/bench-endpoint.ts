import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** What every benchmarked server reports about itself at `GET /__bench/stats`. */
export interface ServerStats {
  rssBytes: number;
  /** Peak resident set size of the process so far. */
  maxRssBytes: number;
  heapUsedBytes: number;
  /** Statements the server counted itself (embedded PGlite, where pg_stat_statements is absent). */
  statements?: { total: number; framing: number; data: number };
}

export interface BenchHooks {
  /** Statements counted in this process, when the database cannot count them itself. */
  statements?: { read(): ServerStats["statements"]; reset(): void };
  /** Resolves when work the server started in the background (event handlers) is done. */
  settled?: () => Promise<void>;
}

const SETTLE_LIMIT_MS = 120_000;
const QUIET_WINDOW_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The bench's own endpoints for a server script: `/__bench/stats`, and `/__bench/settle`,
 * which answers once no request is in flight, background work is done and the process has
 * gone quiet, so a statement count or the next workload does not overlap the last one's tail.
 * Only the bench's server scripts use this; the product never does.
 */
export function benchEndpoints(hooks: BenchHooks = {}) {
  let inFlight = 0;
  /**
   * Counts a request as in flight until its handler is done or its client has gone, whichever
   * comes first (a response to a closed socket may never report completion); the work an
   * abandoned request still does is caught by waiting for the process to go quiet below.
   */
  const track = (handled: unknown, response: ServerResponse) => {
    inFlight += 1;
    let counted = true;
    const done = () => {
      if (counted) inFlight -= 1;
      counted = false;
    };
    response.once("close", done);
    void Promise.resolve(handled).then(done, done);
  };
  const settle = async () => {
    const deadline = Date.now() + SETTLE_LIMIT_MS;
    while (inFlight > 0 && Date.now() < deadline) await sleep(20);
    await hooks.settled?.();
    // Quiet: under 10% of a core over a window, so abandoned requests' work has finished too.
    while (Date.now() < deadline) {
      const before = process.cpuUsage();
      await sleep(QUIET_WINDOW_MS);
      const used = process.cpuUsage(before);
      if ((used.user + used.system) / 1000 < QUIET_WINDOW_MS * 0.1) break;
    }
  };
  const answer = (request: IncomingMessage, response: ServerResponse): boolean => {
    if (!request.url?.startsWith("/__bench/")) return false;
    void (async () => {
      if (request.url === "/__bench/reset-statements") hooks.statements?.reset();
      if (request.url === "/__bench/settle") await settle();
      const memory = process.memoryUsage();
      const stats: ServerStats = {
        rssBytes: memory.rss,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        heapUsedBytes: memory.heapUsed,
        ...(hooks.statements ? { statements: hooks.statements.read() } : {}),
      };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
    })();
    return true;
  };
  /** The server's request listener: the bench's endpoints, or `handler` counted while it runs. */
  return (handler: (request: IncomingMessage, response: ServerResponse) => unknown) =>
    (request: IncomingMessage, response: ServerResponse) => {
      if (!answer(request, response)) track(handler(request, response), response);
    };
}

/** Tells the parent (the bench runner) which port the server listens on. */
export function reportListening(port: number) {
  process.send?.({ type: "listening", port });
}

/**
 * Serves `handler` (behind the bench's endpoints) on a free loopback port, tells the runner
 * which, and on SIGTERM stops taking requests, runs `shutdown` and exits.
 */
export function serveBench(
  handler: (request: IncomingMessage, response: ServerResponse) => unknown,
  options: { hooks?: BenchHooks; shutdown?: () => unknown } = {},
): void {
  const server = createServer(benchEndpoints(options.hooks)(handler));
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    reportListening(typeof address === "object" && address ? address.port : 0);
  });
  process.on("SIGTERM", () => {
    server.close();
    server.closeAllConnections();
    void Promise.resolve()
      .then(() => options.shutdown?.())
      .finally(() => process.exit(0));
  });
}
