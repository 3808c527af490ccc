/**
 * The server under test, in its own process (forked by `server-process.ts`): the real
 * application with its WebSocket transport on a loopback port, the demo agencies, and one
 * member per subscriber. It answers the benchmark's questions over IPC: its own memory
 * (after a full GC; start node with --expose-gc), how many subscriptions it has started,
 * and when an event was committed.
 */
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { agencyEventsTopic, type RoleName } from "@roundtable/core";
import { createTestApp, type TestDatabaseKind } from "@roundtable/testing";
import { answerIpcRequests } from "./ipc-requests.ts";
import { monotonicMs } from "./monotonic-clock.ts";
import type {
  CommitTime,
  ServerCpu,
  ServerDescription,
  ServerListeners,
  ServerMemory,
  ServerRequest,
} from "./server-protocol.ts";

export interface ServerEntryOptions {
  database: TestDatabaseKind;
  subscribers: number;
}

/** Every role a member of an agency can hold; subscribers cycle through them. */
const SUBSCRIBER_ROLES: RoleName[] = ["MEMBER", "UNIT_COMMANDER", "COORDINATOR", "CHIEF", "AGENCY_ADMIN"];
const AGENCY = "metro";

const options = JSON.parse(process.env.FANOUT_SERVER_OPTIONS ?? "{}") as ServerEntryOptions;
const started = start();
// Nothing is answered before the server is up; a failed start fails every request.
started.catch(() => undefined);

async function start() {
  const testApp = await createTestApp({ database: options.database, listen: true });
  const agency = await testApp.database.prisma.agency.findUniqueOrThrow({ where: { slug: AGENCY }, select: { id: true } });
  // The agency's own client: on PostgreSQL row-level security admits only its rows.
  const prisma = testApp.database.forAgency(agency.id);
  const units = await prisma.orgUnit.findMany({ where: { agencyId: agency.id }, select: { id: true }, orderBy: { name: "asc" } });
  const subscriberRoles = Array.from(
    { length: options.subscribers },
    (_, index) => SUBSCRIBER_ROLES[index % SUBSCRIBER_ROLES.length]!,
  );
  const email = (index: number) => `fanout-${index}@${AGENCY}.example`;
  for (let offset = 0; offset < options.subscribers; offset += 1000) {
    await prisma.member.createMany({
      data: subscriberRoles.slice(offset, offset + 1000).map((role, index) => ({
        agencyId: agency.id,
        email: email(offset + index),
        name: `Fan-out subscriber ${offset + index}`,
        roles: [role],
        unitId: units[(offset + index) % units.length]?.id ?? null,
      })),
    });
  }
  const subscriberTokens = await Promise.all(
    subscriberRoles.map((role, index) => testApp.tokenFor(AGENCY, role, { email: email(index), ttl: "2h" })),
  );

  // Stamped when the committed events reach the bus, i.e. right after the mutation's
  // transaction committed and before its response is written.
  const commits = new Map<string, number>();
  testApp.bus.subscribe((events) => {
    const at = monotonicMs();
    for (const event of events) if (event.entityId) commits.set(event.entityId, at);
  });

  const description: ServerDescription = {
    url: testApp.url ?? "",
    wsUrl: testApp.wsUrl ?? "",
    agencySlug: AGENCY,
    subscriberTokens,
    subscriberRoles,
    mutationToken: await testApp.tokenFor(AGENCY, "COORDINATOR", { ttl: "2h" }),
  };
  return { testApp, agencyId: agency.id, commits, description };
}

/** A CPU profile of the measured events only (`--profile`), without setup and connections. */
const profiler = new Session();

answerIpcRequests(async (request: ServerRequest) => {
  const { testApp, agencyId, commits, description } = await started;
  switch (request.kind) {
    case "describe":
      return description;
    case "memory":
      return memory(testApp.subscriptions?.openSockets() ?? 0);
    case "listeners": {
      const pubSub = testApp.app.live.pubSub as { listenerCount?: (topic: string) => number };
      return { listeners: pubSub.listenerCount?.(agencyEventsTopic(agencyId)) ?? -1 } satisfies ServerListeners;
    }
    case "cpu":
      return process.cpuUsage() satisfies ServerCpu;
    case "profileStart":
      await profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
      return null;
    case "profileStop": {
      const { profile } = await profiler.post("Profiler.stop");
      await writeFile(request.path, JSON.stringify(profile));
      profiler.disconnect();
      return null;
    }
    case "commitTime":
      return { at: commits.get(request.entityId) ?? null } satisfies CommitTime;
    case "stop":
      await testApp.close();
      setImmediate(() => process.exit(0));
      return null;
  }
});

function memory(openSockets: number): ServerMemory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("the fan-out server needs node --expose-gc to measure memory after a full collection");
  // Twice: the first pass runs finalizers that free more on the second.
  gc();
  gc();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers, openSockets };
}
