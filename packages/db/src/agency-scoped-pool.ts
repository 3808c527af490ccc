import pg from "pg";
import { beginForAgency } from "./agency-setting.ts";

type QueryConfig = string | { text: string };
type QueryResult = pg.QueryResult;

const NOTHING_YET = { command: "BEGIN", rowCount: 0, rows: [], fields: [], oid: 0 } as unknown as QueryResult;

/**
 * A view of the shared connection pool in which every statement runs inside a transaction
 * that first names one agency, so the row-level security policies show and accept only that
 * agency's rows. Handed to Prisma's pg adapter in place of a pool: the adapter runs single
 * statements through `query` and interactive transactions on a client from `connect`.
 *
 * The setting is transaction-local (`set_config(..., true)`), so it ends with its
 * transaction and a pooled connection never carries one agency into the next request.
 */
export class AgencyScopedPool extends pg.Pool {
  readonly #shared: pg.Pool;
  readonly #agencyId: string;

  constructor(shared: pg.Pool, agencyId: string) {
    // The base pool is never used to connect; it only gives the adapter the type it checks for.
    super({ max: 1 });
    beginForAgency(agencyId);
    this.#shared = shared;
    this.#agencyId = agencyId;
  }

  /** One statement in its own scoped transaction: BEGIN + setting, the statement, COMMIT. */
  // biome-ignore lint/suspicious/noExplicitAny: matches pg.Pool's overloaded signature.
  override query(config: any, values?: any): any {
    return this.#inOwnTransaction(config as QueryConfig, values);
  }

  /** A client for an interactive transaction; its BEGIN is sent together with the setting. */
  // biome-ignore lint/suspicious/noExplicitAny: matches pg.Pool's overloaded signature.
  override connect(): any {
    return this.#shared.connect().then((client) => new AgencyTransactionClient(client, this.#agencyId));
  }

  /** The shared pool is closed by its owner (the Database), not by each view. */
  override end(): Promise<void> {
    return Promise.resolve();
  }

  async #inOwnTransaction(config: QueryConfig, values: unknown): Promise<QueryResult> {
    const client = await this.#shared.connect();
    let broken: Error | undefined;
    try {
      await client.query(beginForAgency(this.#agencyId));
      const result: QueryResult = await client.query(config as never, values as never);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      // A connection that could not even roll back is discarded rather than reused.
      client.release(broken);
    }
  }
}

/**
 * The client Prisma's adapter drives an interactive transaction with. It holds back the
 * adapter's `BEGIN` until the first real statement (or the isolation level, which must come
 * first) and sends it with the agency setting; everything else passes straight through.
 */
class AgencyTransactionClient {
  readonly #client: pg.PoolClient;
  readonly #agencyId: string;
  #state: "idle" | "begin-pending" | "begun" = "idle";
  /** The last statement sent: Prisma may issue a transaction's statements concurrently. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(client: pg.PoolClient, agencyId: string) {
    this.#client = client;
    this.#agencyId = agencyId;
  }

  /**
   * One statement at a time on the connection, in the order asked: pg queues concurrent
   * calls itself today but deprecates doing so, and the held-back BEGIN must go first.
   */
  query(config: QueryConfig, values?: unknown): Promise<QueryResult> {
    const next = this.#queue.then(() => this.#send(config, values));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #send(config: QueryConfig, values?: unknown): Promise<QueryResult> {
    const text = typeof config === "string" ? config : config.text;
    if (this.#state === "idle" && text === "BEGIN") {
      this.#state = "begin-pending";
      return NOTHING_YET;
    }
    if (this.#state === "begin-pending") {
      this.#state = "begun";
      if (/^SET TRANSACTION /i.test(text)) {
        await this.#client.query(beginForAgency(this.#agencyId, text));
        return NOTHING_YET;
      }
      await this.#client.query(beginForAgency(this.#agencyId));
    }
    return this.#client.query(config as never, values as never) as Promise<QueryResult>;
  }

  release(error?: Error | boolean): void {
    this.#client.release(error);
  }

  on(event: string, listener: (error: Error) => void): this {
    this.#client.on(event as "error", listener);
    return this;
  }

  removeListener(event: string, listener: (error: Error) => void): this {
    this.#client.removeListener(event as "error", listener);
    return this;
  }
}
