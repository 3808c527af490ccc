import type { ExecutionResult } from "graphql";

/** The request timeout: no answer takes longer. */
const ABANDONED_AFTER_MS = 30_000;

/**
 * Queries being answered right now, by caller and question. When fifty station screens of
 * one member refresh at the same moment and the cached answer has just expired, one of them
 * runs the query and the others wait for its answer instead of all running it at once.
 * Keyed by the answer key (answer-key.ts: agency first) and dropped with the cache when the
 * agency changes, so nobody who asks after a change is handed an answer begun before it.
 */
export class InFlightQueries {
  readonly #running = new Map<string, Promise<ExecutionResult>>();

  running(key: string): Promise<ExecutionResult> | undefined {
    return this.#running.get(key);
  }

  /** Registers the leader's answer-to-be; returns how to settle it. */
  lead(key: string): { settle(result: ExecutionResult): void; fail(error: unknown): void } {
    let settle!: (result: ExecutionResult) => void;
    let fail!: (error: unknown) => void;
    const answer = new Promise<ExecutionResult>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    // Waiters handle a failure themselves; an unobserved one must not crash the process.
    answer.catch(() => undefined);
    this.#running.set(key, answer);
    // A leader that never reports (its request failed before running) must not hold waiters:
    // past the request timeout they run on their own.
    const abandoned = setTimeout(() => {
      if (this.#running.get(key) === answer) this.#running.delete(key);
      fail(new Error("abandoned"));
    }, ABANDONED_AFTER_MS);
    abandoned.unref();
    const done = () => {
      clearTimeout(abandoned);
      if (this.#running.get(key) === answer) this.#running.delete(key);
    };
    return {
      settle(result) {
        done();
        settle(result);
      },
      fail(error) {
        done();
        fail(error);
      },
    };
  }

  /** Forgets the agency's running queries (and the public's): later askers run their own. */
  dropAgency(agencyId: string, publicPartition: string): void {
    for (const key of this.#running.keys()) {
      if (key.startsWith(`${agencyId}|`) || key.startsWith(`${publicPartition}|`)) this.#running.delete(key);
    }
  }

  get size(): number {
    return this.#running.size;
  }
}
