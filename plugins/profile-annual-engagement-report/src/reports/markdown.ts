/** Escapes text people typed (titles, reasons) so it reads as text inside Markdown, tables included. */
export function mdText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/([\\`*_[\]<>|#])/g, "\\$1");
}

/** `3 activities`, `1 activity`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const KIND_NAMES: Record<string, string> = {
  COMMUNITY_MEETING: "Community meeting",
  EVENT: "Event",
  OUTREACH: "Outreach",
  YOUTH_PROGRAM_SESSION: "Youth program session",
  ACADEMY_CLASS: "Academy class",
  OTHER: "Other",
};

/** How a report names an activity kind. */
export function activityKindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind;
}
