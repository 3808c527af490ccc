import type { RunQuery } from "./graphql-http.ts";

export interface AgencyEvent {
  type: string;
  at: string;
  entityType: string;
  entityId: string | null;
  actor: { name: string } | null;
}

export const AGENCY_EVENTS = "subscription { agencyEvents { type at entityType entityId actor { name } } }";

/** A readable name for the record an event is about; each type names it in its own field. */
const RECORD_NAME = `query ($id: ID!) {
  node(id: $id) {
    __typename
    ... on Stakeholder { name }
    ... on Member { name }
    ... on OrgUnit { name }
    ... on Indicator { name }
    ... on Activity { title }
    ... on Plan { title }
    ... on Problem { title }
    ... on Priority { title }
    ... on Report { title }
    ... on Survey { title }
    ... on EngagementStrategy { title }
    ... on TrainingCourse { title }
    ... on Finding { message }
  }
}`;

type NamedRecord = { __typename: string; name?: string; title?: string; message?: string };

const PAST_TENSE: Record<string, string> = {
  create: "created",
  update: "updated",
  delete: "deleted",
  submit: "submitted",
  approve: "approved",
  reject: "returned",
  publish: "published",
  raise: "raised",
  resolve: "resolved",
};
/** The page keeps the latest events only; the audit trail keeps them all. */
const KEEP = 100;

/**
 * The list of live events, newest first. An event shows at once with what it carries; the
 * record's name follows from a lookup made with the viewer's own access (a record they may
 * not read keeps its type only).
 */
export function createEventsFeed(elements: { list: HTMLOListElement; note: HTMLElement }, query: RunQuery) {
  return {
    add(event: AgencyEvent): void {
      elements.note.hidden = true;
      const item = eventItem(event);
      elements.list.prepend(item);
      while (elements.list.children.length > KEEP) elements.list.lastElementChild?.remove();
      if (event.entityId) void nameRecord(item, event.entityId, query);
    },
  };
}

function eventItem(event: AgencyEvent): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "event";
  item.dataset.type = event.type;
  if (event.entityId) item.dataset.entityId = event.entityId;

  const time = document.createElement("time");
  time.dateTime = event.at;
  time.textContent = new Date(event.at).toLocaleTimeString();
  const what = document.createElement("span");
  what.className = "what";
  const verb = event.type.split(".").pop() ?? "";
  what.textContent = `${humanize(event.entityType)} ${PAST_TENSE[verb] ?? verb}`;
  const record = document.createElement("span");
  record.className = "record";
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = event.actor ? `by ${event.actor.name}` : "";
  const type = document.createElement("code");
  type.textContent = event.type;
  item.append(time, " ", what, " ", record, " ", who, " ", type);
  return item;
}

async function nameRecord(item: HTMLLIElement, id: string, query: RunQuery): Promise<void> {
  try {
    const { node } = await query<{ node: NamedRecord | null }>(RECORD_NAME, { id });
    const record = item.querySelector(".record");
    if (!node || !record) return;
    // A finding's message is a sentence; names and titles are quoted.
    if (node.message) record.textContent = node.message;
    else if (node.name ?? node.title) record.textContent = `“${node.name ?? node.title}”`;
  } catch {
    // Deleted since, or not readable with this role: the event keeps its type only.
  }
}

/** `PlanRevision` -> `Plan revision`, `activity-check-in` -> `Activity check in`. */
function humanize(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_]/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
