import type { DomainEvent } from "./domain-event.ts";

/**
 * Collects the events of one request. Events are recorded inside the transaction of their
 * change; a mutation that fails rolls its transaction back, and `rollbackTo` forgets its
 * events too, so only committed changes are ever published.
 */
export class EventCollector {
  #events: DomainEvent[] = [];

  record(event: DomainEvent): void {
    this.#events.push(event);
  }

  mark(): number {
    return this.#events.length;
  }

  rollbackTo(mark: number): void {
    this.#events.length = Math.min(mark, this.#events.length);
  }

  drain(): DomainEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }
}
