import type { TaxonomyTerm } from "@roundtable/core";

/** One of the areas a-i a strategy may address (CE-04a..i). */
export interface EngagementArea extends TaxonomyTerm {
  /** The letter the policy gives it. */
  letter: string;
  /** Clause id in docs/policy-map.md. */
  clause: string;
  /**
   * Core strategy categories that already mean the same thing: strategies an agency filed
   * under them before enabling the profile count for the area, so nothing needs re-filing.
   */
  coreKeys: string[];
}

const area = (letter: string, slug: string, label: string, coreKeys: string[] = []): EngagementArea => ({
  key: `ce-${letter}-${slug}`,
  letter,
  clause: `CE-04${letter}`,
  label,
  description: `Area (${letter}) of the community engagement policy, section III.A.`,
  coreKeys,
});

/** The policy's areas a-i in its order; keys are stable (stored on strategies and reasons). */
export const ENGAGEMENT_AREAS: readonly EngagementArea[] = [
  area("a", "youth-programs", "Youth programs", ["youth-programs"]),
  area("b", "citizens-police-academy", "Citizens police academy", ["citizens-academy"]),
  area("c", "educating-on-policy", "Educating the community on police policy and procedures"),
  area("d", "understanding-the-community", "Understanding the community the department serves"),
  area("e", "sharing-information", "Sharing, receiving and providing information to the public", ["information-sharing"]),
  area("f", "joint-areas-of-concern", "Jointly identifying areas of concern", ["problem-solving-partnerships"]),
  area("g", "communicating-changes", "Communicating, when appropriate, significant changes in department operations"),
  area("h", "community-meetings", "Attending community meetings and gatherings", ["community-meetings"]),
  area("i", "encounter-transparency", "Enhancing transparency of police and citizen encounters", ["transparency"]),
];

/** The strategy categories an area counts: its own key and the core keys that mean the same. */
export function categoriesOf(engagementArea: EngagementArea): string[] {
  return [engagementArea.key, ...engagementArea.coreKeys];
}

/** `(a) Youth programs`, as reports and findings name an area. */
export function areaName(engagementArea: EngagementArea): string {
  return `(${engagementArea.letter}) ${engagementArea.label}`;
}

/** The taxonomy the profile contributes to `strategyCategories`. */
export const strategyCategories: TaxonomyTerm[] = ENGAGEMENT_AREAS.map(({ key, label, description }) => ({
  key,
  label,
  ...(description ? { description } : {}),
}));
