/**
 * The bearer token lives in sessionStorage: it survives a reload of this tab and is gone
 * when the tab closes, and no other tab or site can read it.
 */
const KEY = "roundtable.dashboard.token";

export function readToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function keepToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
