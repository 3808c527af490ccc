import type { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Per-agency Prisma clients for PostgreSQL, where each client's connections name its agency
 * for row-level security (`AgencyScopedPool`).
 *
 * One client per agency, rather than one client told the agency per call, because Prisma
 * batches `findUnique` calls made in the same tick into one statement across callers: with a
 * shared client, two agencies' lookups could run under one agency's setting. Separate
 * clients never share a batch. A client costs about 1.6 MB once it has compiled queries, so
 * the least recently used are dropped beyond `capacity` (and rebuilt on demand); a dropped
 * client is left to finish what it is running and be collected, never disconnected mid-query.
 */
export class AgencyClientCache {
  readonly #clients = new Map<string, PrismaClient>();

  constructor(
    private readonly create: (agencyId: string) => PrismaClient,
    private readonly capacity = 64,
  ) {}

  get(agencyId: string): PrismaClient {
    const cached = this.#clients.get(agencyId);
    if (cached) {
      this.#clients.delete(agencyId);
      this.#clients.set(agencyId, cached);
      return cached;
    }
    const client = this.create(agencyId);
    this.#clients.set(agencyId, client);
    if (this.#clients.size > this.capacity) {
      const oldest = this.#clients.keys().next().value;
      if (oldest !== undefined) this.#clients.delete(oldest);
    }
    return client;
  }

  get size(): number {
    return this.#clients.size;
  }
}

const agencyClients = new WeakMap<PrismaClient, (agencyId: string) => PrismaClient>();

/** Records how the root client of a database hands out clients scoped to one agency. */
export function registerAgencyClients(root: PrismaClient, forAgency: (agencyId: string) => PrismaClient): void {
  agencyClients.set(root, forAgency);
}

/**
 * The client to use for one agency's rows: on PostgreSQL one whose every statement runs
 * under that agency's row-level security setting; on embedded PGlite (a single superuser
 * connection, which row-level security never restricts) the root client itself.
 */
export function agencyClientFor(root: PrismaClient, agencyId: string): PrismaClient {
  return agencyClients.get(root)?.(agencyId) ?? root;
}
