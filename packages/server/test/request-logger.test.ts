import { Writable } from "node:stream";
import { createLogger } from "@roundtable/server";
import { describe, expect, it, vi } from "vitest";
import { requestLogger } from "../src/request-logger.ts";

// The request's logger is made on first use; every line it writes carries the request id.

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split("\n")) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger("info", sink), lines };
}

describe("requestLogger", () => {
  it("makes no child logger for a request that logs nothing", () => {
    const { log } = capturedLogger();
    const child = vi.spyOn(log, "child");
    requestLogger(log, "req-quiet");
    expect(child).not.toHaveBeenCalled();
  });

  it("writes every line with the request id, through its own children too, making the request's child once", () => {
    const { log, lines } = capturedLogger();
    const child = vi.spyOn(log, "child");
    const requestLog = requestLogger(log, "req-7");
    requestLog.info({ step: 1 }, "first");
    requestLog.info({ step: 2 }, "again");
    expect(child).toHaveBeenCalledTimes(1);
    requestLog.child({ ruleId: "r" }).warn("second");
    expect(requestLog.isLevelEnabled("debug")).toBe(false);
    expect(lines).toMatchObject([
      { requestId: "req-7", step: 1, msg: "first", level: 30 },
      { requestId: "req-7", step: 2, msg: "again", level: 30 },
      { requestId: "req-7", ruleId: "r", msg: "second", level: 40 },
    ]);
  });
});
