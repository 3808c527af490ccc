/** One category of a strategy taxonomy. */
export interface TaxonomyTerm {
  key: string;
  label: string;
  description?: string;
}

/**
 * The strategy categories every agency has before a profile contributes its own (the
 * annual-engagement-report profile, for one, brings the policy's areas a-i).
 */
export const DEFAULT_STRATEGY_CATEGORIES: TaxonomyTerm[] = [
  { key: "youth-programs", label: "Youth programs" },
  { key: "citizens-academy", label: "Citizens police academy" },
  { key: "community-meetings", label: "Community meetings and gatherings" },
  { key: "problem-solving-partnerships", label: "Problem-solving partnerships" },
  { key: "outreach", label: "Outreach to under-served or distrustful communities" },
  { key: "information-sharing", label: "Sharing and receiving information" },
  { key: "transparency", label: "Transparency of police and citizen encounters" },
  { key: "other", label: "Other" },
];
