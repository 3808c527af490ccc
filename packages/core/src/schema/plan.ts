// Filled in by the domain work; see stakeholder.ts for the pattern.
export {};
