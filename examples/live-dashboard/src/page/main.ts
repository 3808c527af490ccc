import { showConnection } from "./connection-status.ts";
import { AGENCY_EVENTS, type AgencyEvent, createEventsFeed } from "./events-feed.ts";
import { createFindingsPanel } from "./findings-panel.ts";
import { createHttpClient, GraphQLRequestError } from "./graphql-http.ts";
import { type LiveConnection, openLiveConnection } from "./live-connection.ts";
import { forgetToken, keepToken, readToken } from "./session.ts";

const FINDING_CHANGES = "subscription { complianceChanged { change } }";
const VIEWER = "{ viewer { roles agency { name } member { name email } } }";

interface Viewer {
  roles: string[];
  agency: { name: string } | null;
  member: { name: string; email: string } | null;
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

const page = {
  signIn: byId<HTMLFormElement>("sign-in"),
  token: byId<HTMLInputElement>("token"),
  signInError: byId<HTMLElement>("sign-in-error"),
  signOut: byId<HTMLButtonElement>("sign-out"),
  connection: byId<HTMLElement>("connection"),
  viewer: byId<HTMLElement>("viewer"),
  dashboard: byId<HTMLElement>("dashboard"),
  findings: byId<HTMLUListElement>("findings"),
  findingsCount: byId<HTMLElement>("findings-count"),
  findingsNote: byId<HTMLElement>("findings-note"),
  events: byId<HTMLOListElement>("events"),
  eventsNote: byId<HTMLElement>("events-note"),
};

let live: LiveConnection | undefined;

/** Checks the token over HTTP (who is this?), then opens the live connection with it. */
async function start(token: string): Promise<void> {
  showConnection(page.connection, { kind: "signing-in" });
  const query = createHttpClient(token);
  let viewer: Viewer;
  try {
    ({ viewer } = await query<{ viewer: Viewer }>(VIEWER));
  } catch (error) {
    const refused = error instanceof GraphQLRequestError && error.code === "UNAUTHENTICATED";
    return stop(refused ? "The API refused this token: it may have expired." : `Could not sign in: ${(error as Error).message}`);
  }
  if (!viewer.member || !viewer.agency) return stop("This token does not belong to a member of an agency.");

  keepToken(token);
  page.viewer.textContent = `${viewer.agency.name}: ${viewer.member.name} (${viewer.roles.join(", ")})`;
  page.signIn.hidden = true;
  page.dashboard.hidden = false;
  page.signOut.hidden = false;
  page.events.replaceChildren();
  page.eventsNote.hidden = false;

  const findings = createFindingsPanel({ list: page.findings, count: page.findingsCount, note: page.findingsNote }, query);
  const events = createEventsFeed({ list: page.events, note: page.eventsNote }, query);
  void findings.refresh();
  live = openLiveConnection(token, (state) => {
    showConnection(page.connection, state);
    // Changes made while the connection was down never arrive: read the findings afresh.
    if (state.kind === "live") void findings.refresh();
    if (state.kind === "refused") stop("The token was refused or has expired, or your access changed. Sign in again.");
  });
  live.subscribe<{ agencyEvents: AgencyEvent }>(AGENCY_EVENTS, (data) => events.add(data.agencyEvents));
  live.subscribe(FINDING_CHANGES, () => findings.refreshSoon());
}

/** Back to the sign-in form; `reason` says why when it was not the person's choice. */
function stop(reason?: string): void {
  live?.close();
  live = undefined;
  forgetToken();
  page.viewer.textContent = "";
  page.dashboard.hidden = true;
  page.signOut.hidden = true;
  page.signIn.hidden = false;
  page.signInError.textContent = reason ?? "";
  showConnection(page.connection, { kind: "signed-out" });
  page.token.focus();
}

page.signIn.addEventListener("submit", (event) => {
  event.preventDefault();
  const token = page.token.value.trim().replace(/^Bearer\s+/i, "");
  page.token.value = "";
  page.signInError.textContent = "";
  void start(token);
});
page.signOut.addEventListener("click", () => stop());

const kept = readToken();
if (kept) void start(kept);
