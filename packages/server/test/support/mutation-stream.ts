/**
 * A stream of real mutations against a server process, several in flight at once, that
 * records which ones the server acknowledged (HTTP 200 with data and no errors) so a crash
 * test can later demand every one of them back.
 */

export interface StreamAgency {
  slug: string;
  token: string;
  /** Database ids of members to name as participants. */
  memberIds: string[];
}

export interface AcknowledgedStakeholder {
  kind: "stakeholder";
  agency: string;
  id: string;
  name: string;
}

/** A multi-write mutation: the activity, its stakeholder and participant links, its language requests. */
export interface AcknowledgedActivity {
  kind: "activity";
  agency: string;
  id: string;
  title: string;
  stakeholderIds: string[];
  participantIds: string[];
  languages: string[];
}

export interface AcknowledgedContact {
  kind: "contact";
  agency: string;
  id: string;
  name: string;
  stakeholderId: string;
}

export type Acknowledged = AcknowledgedStakeholder | AcknowledgedActivity | AcknowledgedContact;

export interface StreamResult {
  acknowledged: Acknowledged[];
  /** Requests cut off by the crash: each may have committed or not, but never in part. */
  unanswered: string[];
  /** Answers that were neither an acknowledgement nor a cut connection (they fail the test). */
  refused: string[];
}

const CREATE_STAKEHOLDER = `mutation ($input: CreateStakeholderInput!) {
  createStakeholder(input: $input) { stakeholder { id name } }
}`;
const LOG_ACTIVITY = `mutation ($input: LogActivityInput!) {
  logActivity(input: $input) { activity { id title stakeholders { id } participants { id } languageRequests { language } } }
}`;
const ADD_CONTACT = `mutation ($input: StakeholderContactInput!) {
  addStakeholderContact(input: $input) { stakeholder { id contacts { id name } } }
}`;

/** The database id inside a global ID (`base64("Type:uuid")`). */
export function databaseId(globalId: string): string {
  return Buffer.from(globalId, "base64").toString("utf8").split(":")[1] ?? "";
}

function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

/**
 * Runs `workers` loops of mutations (stakeholders, activities linking two of them and some
 * members, contacts) for each agency in turn, until the server stops answering. Once
 * `crashAfter` mutations are acknowledged, `crash()` is called `crashDelayMs` later, while
 * the others are in flight: some not yet begun, some inside their transaction, some
 * committed but not yet answered.
 */
export async function streamMutationsUntilCrash(options: {
  url: string;
  agencies: StreamAgency[];
  /** Every name and title starts with it, so the check can find all rows the stream wrote. */
  prefix: string;
  workers: number;
  crashAfter: number;
  crashDelayMs: number;
  crash: () => Promise<void>;
}): Promise<StreamResult> {
  const result: StreamResult = { acknowledged: [], unanswered: [], refused: [] };
  const stakeholders = new Map<string, string[]>(options.agencies.map((agency) => [agency.slug, []]));
  let sequence = 0;
  let crashing: Promise<void> | undefined;

  const send = async (agency: StreamAgency, label: string, query: string, input: Record<string, unknown>) => {
    let response: Response;
    let body: { data?: Record<string, unknown> | null; errors?: unknown[] };
    try {
      response = await fetch(`${options.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${agency.token}` },
        body: JSON.stringify({ query, variables: { input } }),
      });
      body = (await response.json()) as typeof body;
    } catch {
      result.unanswered.push(label);
      return undefined;
    }
    if (response.status !== 200 || body.errors || !body.data) {
      result.refused.push(`${label}: HTTP ${response.status} ${JSON.stringify(body)}`);
      return undefined;
    }
    return body.data;
  };

  const mutateOnce = async (agency: StreamAgency): Promise<boolean> => {
    const n = ++sequence;
    const known = stakeholders.get(agency.slug) ?? [];
    const shape = known.length < 2 ? 0 : n % 3;
    if (shape === 0) {
      const name = `${options.prefix} stakeholder ${n}`;
      const data = await send(agency, name, CREATE_STAKEHOLDER, { name, kind: "BUSINESS" });
      if (!data) return false;
      const id = databaseId((data.createStakeholder as { stakeholder: { id: string } }).stakeholder.id);
      known.push(id);
      result.acknowledged.push({ kind: "stakeholder", agency: agency.slug, id, name });
    } else if (shape === 1) {
      const title = `${options.prefix} activity ${n}`;
      const stakeholderIds = [known[n % known.length], known[(n + 1) % known.length]] as string[];
      const participantIds = agency.memberIds.slice(0, 1 + (n % agency.memberIds.length));
      const languages = n % 2 === 0 ? ["es", "vi"] : ["ko"];
      const data = await send(agency, title, LOG_ACTIVITY, {
        kind: "COMMUNITY_MEETING",
        title,
        startsAt: new Date(Date.UTC(2026, 0, 1 + (n % 28), 18)).toISOString(),
        stakeholderIds: [...new Set(stakeholderIds)].map((id) => globalId("Stakeholder", id)),
        participantIds: participantIds.map((id) => globalId("Member", id)),
        languageRequests: languages.map((language) => ({ language })),
      });
      if (!data) return false;
      const activity = (data.logActivity as { activity: { id: string } }).activity;
      result.acknowledged.push({
        kind: "activity",
        agency: agency.slug,
        id: databaseId(activity.id),
        title,
        stakeholderIds: [...new Set(stakeholderIds)],
        participantIds,
        languages,
      });
    } else {
      const name = `${options.prefix} contact ${n}`;
      const stakeholderId = known[n % known.length] as string;
      const data = await send(agency, name, ADD_CONTACT, {
        stakeholderId: globalId("Stakeholder", stakeholderId),
        name,
        email: `contact-${n}@partner.example`,
      });
      if (!data) return false;
      const contacts = (data.addStakeholderContact as { stakeholder: { contacts: { id: string; name: string }[] } }).stakeholder
        .contacts;
      const contact = contacts.find((candidate) => candidate.name === name);
      result.acknowledged.push({ kind: "contact", agency: agency.slug, id: databaseId(contact?.id ?? ""), name, stakeholderId });
    }
    if (result.acknowledged.length >= options.crashAfter) {
      crashing ??= new Promise((resolve) => setTimeout(resolve, options.crashDelayMs)).then(options.crash);
    }
    return true;
  };

  const worker = async (index: number) => {
    for (let turn = index; ; turn += 1) {
      const agency = options.agencies[turn % options.agencies.length] as StreamAgency;
      if (!(await mutateOnce(agency))) return;
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, index) => worker(index)));
  await crashing;
  return result;
}
