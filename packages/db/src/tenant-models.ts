import { getDatamodel } from "./generated/pothos-types.ts";

/**
 * Every model that belongs to one agency: those with an `agencyId` column. Read from the
 * datamodel Prisma's generator emits (its DMMF), so a new model is covered by tenancy and
 * by the isolation tests the moment it exists.
 */
export function tenantOwnedModels(): string[] {
  return Object.entries(getDatamodel().datamodel.models)
    .filter(([, model]) => model.fields.some((field) => field.name === "agencyId"))
    .map(([name]) => name);
}
