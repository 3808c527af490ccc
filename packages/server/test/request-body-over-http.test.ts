import { connect } from "node:net";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The body limit (QA-08) is enforced from the request's headers alone (useRequestSizeLimit),
// so nothing counts bytes as they stream in. That holds because node:http reads no more of a
// body than Content-Length says. These requests go over a real socket to show it: a client
// that declares a small body and sends a large one never gets the large one parsed.

const LARGE = 7 * 1024 * 1024;

/** Writes `head` and `body` on a fresh connection and returns everything the server sent back. */
function exchange(port: number, head: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      received += chunk;
    });
    socket.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" || error.code === "EPIPE" ? resolve(received) : reject(error),
    );
    socket.on("close", () => resolve(received));
    socket.write(head);
    socket.end(body);
  });
}

const statusLines = (reply: string) => reply.match(/^HTTP\/1\.1 \d{3}/gm) ?? [];

describe("request bodies over HTTP", () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    port = Number(new URL(t.url ?? "").port);
  });
  afterAll(() => t?.close());

  it("reads only the declared length of a body that is longer than its Content-Length", async () => {
    // Read whole, this body is a valid query carrying 7 MiB in a variable, which the header
    // check alone would let through. Read as declared, it is a truncated JSON document and the
    // rest is not a request at all.
    const body = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(LARGE) } });
    const reply = await exchange(
      port,
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n`,
      body,
    );
    expect(statusLines(reply)).not.toContain("HTTP/1.1 200");
    expect(statusLines(reply)).toContain("HTTP/1.1 400");
  });

  it("refuses a request that declares both a length and chunked transfer", async () => {
    const reply = await exchange(
      port,
      "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
      `${(LARGE).toString(16)}\r\n${"x".repeat(LARGE)}\r\n0\r\n\r\n`,
    );
    expect(statusLines(reply)).toEqual(["HTTP/1.1 400"]);
  });

  it("refuses a chunked body of unknown length before reading it", async () => {
    const reply = await exchange(
      port,
      "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
      `${(LARGE).toString(16)}\r\n${"x".repeat(LARGE)}\r\n0\r\n\r\n`,
    );
    expect(statusLines(reply)[0]).toBe("HTTP/1.1 411");
  });
});
