import type { RunQuery } from "./graphql-http.ts";

interface Finding {
  id: string;
  ruleId: string;
  severity: "INFO" | "WARNING" | "VIOLATION";
  message: string;
  dueAt: string | null;
  unit: { name: string } | null;
}

const OPEN_FINDINGS = `{ compliance { openCount findings { id ruleId severity message dueAt unit { name } } } }`;
const SEVERITY_WORDS: Record<Finding["severity"], string> = { VIOLATION: "Violation", WARNING: "Warning", INFO: "Note" };
/** A finding change usually comes in a burst (one evaluation raises many): one reload per burst. */
const BURST_MS = 250;

export interface FindingsPanel {
  /** Loads the open findings now (after signing in and after every reconnect). */
  refresh(): Promise<void>;
  /** Reloads shortly, once for a burst of changes. */
  refreshSoon(): void;
}

export function createFindingsPanel(
  elements: { list: HTMLUListElement; count: HTMLElement; note: HTMLElement },
  query: RunQuery,
): FindingsPanel {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loading: Promise<void> | undefined;
  let again = false;

  async function load(): Promise<void> {
    try {
      const { compliance } = await query<{ compliance: { openCount: number; findings: Finding[] } }>(OPEN_FINDINGS);
      render(compliance.findings, compliance.openCount);
    } catch (error) {
      elements.note.hidden = false;
      elements.note.textContent = `Could not load the findings: ${(error as Error).message}`;
    }
  }

  function render(findings: Finding[], openCount: number): void {
    elements.count.textContent = `(${openCount})`;
    elements.note.hidden = openCount > 0 && findings.length === openCount;
    elements.note.textContent =
      openCount === 0 ? "No open findings." : `Showing the ${findings.length} most severe of ${openCount}.`;
    elements.list.replaceChildren(...findings.map(findingItem));
  }

  async function refresh(): Promise<void> {
    if (loading) {
      again = true; // a change arrived while loading: its result may predate the change
      return loading;
    }
    loading = load().finally(() => {
      loading = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return loading;
  }

  return {
    refresh,
    refreshSoon() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void refresh();
      }, BURST_MS);
    },
  };
}

function findingItem(finding: Finding): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "finding";
  item.dataset.severity = finding.severity;
  const severity = document.createElement("span");
  severity.className = "severity";
  severity.textContent = SEVERITY_WORDS[finding.severity];
  const message = document.createElement("span");
  message.className = "message";
  message.textContent = finding.message;
  const meta = document.createElement("span");
  meta.className = "meta";
  const due = finding.dueAt ? `due ${new Date(finding.dueAt).toLocaleDateString()}` : undefined;
  meta.textContent = [finding.unit?.name, finding.ruleId, due].filter(Boolean).join(" · ");
  item.append(severity, " ", message, " ", meta);
  return item;
}
