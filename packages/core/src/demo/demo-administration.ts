import type { DemoStep } from "./demo-context.ts";

/** Demo data for this area; filled in with the domain work. */
export const seedAdministration: DemoStep = async () => {};
