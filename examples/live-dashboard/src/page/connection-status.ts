import type { ConnectionState } from "./live-connection.ts";

export type StatusKind = ConnectionState["kind"] | "signed-out" | "signing-in";

/** Words first, colour second: the state is readable without seeing the colour (styles.css). */
export function describeConnection(state: ConnectionState | { kind: "signed-out" | "signing-in" }): string {
  switch (state.kind) {
    case "signed-out":
      return "Signed out";
    case "signing-in":
      return "Signing in…";
    case "connecting":
      return "Connecting…";
    case "live":
      return "Live: new events appear as they happen";
    case "reconnecting":
      return state.inSeconds ? `Connection lost: reconnecting in ${state.inSeconds} s…` : "Connection lost: reconnecting…";
    case "refused":
      return "Signed out: the token was refused or has expired";
    case "failed":
      return `Disconnected: ${state.reason}. Reload the page to try again.`;
  }
}

/** Shows the state in the page's `role="status"` element, so screen readers announce changes. */
export function showConnection(element: HTMLElement, state: ConnectionState | { kind: "signed-out" | "signing-in" }): void {
  element.dataset.state = state.kind;
  element.textContent = describeConnection(state);
}
