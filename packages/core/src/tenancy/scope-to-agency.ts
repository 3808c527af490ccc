import { agencyClientFor, type PrismaClient, tenantOwnedModels } from "@roundtable/db";

const TENANT_MODELS = new Set(tenantOwnedModels());

/** Models that belong to no agency. Only the tenant itself, read as "my agency". */
const AGENCY_MODEL = "Agency";

/** No row has this agency id: what a scope with no agency (the public) filters by. */
export const NO_AGENCY = "00000000-0000-0000-0000-000000000000";

const READ_OR_FILTERED_WRITE = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

type Args = Record<string, unknown>;

/**
 * The tenant wall in the application: a Prisma client whose every read is filtered to one
 * agency and every write stamped with it. Resolvers and profiles get only this client, so
 * they never pass `agencyId` by hand and cannot forget to. Anything it cannot scope (raw
 * SQL, a model without `agencyId` other than Agency) is refused rather than let through.
 *
 * Nested writes are not rewritten: code writes flat rows with scalar foreign keys, and the
 * database's same-agency foreign keys refuse a row that points into another agency.
 *
 * On PostgreSQL the client underneath is the agency's own (`agencyClientFor`), whose every
 * statement runs under that agency's row-level security setting: the database's wall
 * behind this one. With no agency (the public) it is the root client, which sees no
 * tenant row at all.
 */
export function scopeToAgency(prisma: PrismaClient, agencyId: string | null) {
  const client = agencyId ? agencyClientFor(prisma, agencyId) : prisma;
  const tenant = agencyId ?? NO_AGENCY;
  // The scoped client holds nothing but the agency id, so one per (client, agency) serves
  // every request: building it (Prisma's $extends) is not free on a hot path.
  let scoped = scopedClients.get(client);
  if (!scoped) {
    scoped = new Map();
    scopedClients.set(client, scoped);
  }
  const cached = scoped.get(tenant);
  if (cached) return cached;
  const built = extendWithTenantScope(client, tenant);
  scoped.set(tenant, built);
  return built;
}

function extendWithTenantScope(client: PrismaClient, tenant: string) {
  return client.$extends({
    name: "tenant-scope",
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (!model) throw new Error(`tenant-scoped client refuses ${operation}: raw SQL is not tenant-scoped`);
        return query(scopeArgs(model, operation, (args ?? {}) as Args, tenant) as never);
      },
    },
  });
}

const scopedClients = new WeakMap<PrismaClient, Map<string, ReturnType<typeof extendWithTenantScope>>>();

export type TenantDb = ReturnType<typeof extendWithTenantScope>;

function scopeArgs(model: string, operation: string, args: Args, agencyId: string): Args {
  if (model === AGENCY_MODEL) {
    if (!READ_OR_FILTERED_WRITE.has(operation)) throw new Error(`tenant-scoped client refuses Agency.${operation}`);
    return { ...args, where: { ...(args.where as Args), id: agencyId } };
  }
  if (!TENANT_MODELS.has(model)) throw new Error(`tenant-scoped client refuses ${model}: it has no agencyId`);
  switch (operation) {
    case "create":
      return { ...args, data: stamp(args.data, agencyId) };
    case "createMany":
    case "createManyAndReturn":
      return { ...args, data: [args.data].flat().map((row) => stamp(row, agencyId)) };
    case "upsert":
      return {
        ...args,
        where: { ...(args.where as Args), agencyId },
        create: stamp(args.create, agencyId),
        update: unmovable(args.update),
      };
    case "update":
    case "updateMany":
    case "updateManyAndReturn":
      return { ...args, where: { ...(args.where as Args), agencyId }, data: unmovable(args.data) };
    default:
      if (!READ_OR_FILTERED_WRITE.has(operation)) throw new Error(`tenant-scoped client refuses ${model}.${operation}`);
      return { ...args, where: { ...(args.where as Args), agencyId } };
  }
}

function stamp(data: unknown, agencyId: string): Args {
  const { agency: _ignored, ...rest } = (data ?? {}) as Args;
  return { ...rest, agencyId };
}

/** A row never moves to another agency. */
function unmovable(data: unknown): Args {
  const { agency: _agency, agencyId: _agencyId, ...rest } = (data ?? {}) as Args;
  return rest;
}
