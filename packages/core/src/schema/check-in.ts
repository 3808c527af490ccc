// Filled in by its issue's work; see stakeholder.ts for the pattern.
export {};
