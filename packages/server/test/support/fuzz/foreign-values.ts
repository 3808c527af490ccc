import { type PrismaClient, tenantOwnedModels } from "@roundtable/db";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HAS_UUID = new RegExp(UUID.source, "i");
const BASE64 = /^[A-Za-z0-9+/]{16,}={0,2}$/;
/** Shorter texts are compared whole (a name, an email); longer ones are also searched inside other strings. */
const SEARCHED_LENGTH = 12;
const MIN_LENGTH = 8;

type Rows = { findMany(args?: object): Promise<Record<string, unknown>[]> };
const delegate = (client: PrismaClient, model: string) =>
  (client as unknown as Record<string, Rows>)[model.charAt(0).toLowerCase() + model.slice(1)] as Rows;

/**
 * What of another agency must never reach a caller: the id of every one of its rows, and
 * every text of its rows that the caller's own agency does not also have and the public
 * pages do not show. Found in a response as such, inside global IDs and cursors (base64),
 * or, for longer texts, inside other strings (a report's markdown).
 */
export class ForeignValues {
  readonly #ids: Set<string>;
  readonly #whole: Set<string>;
  readonly #searched: string[];

  constructor(ids: Iterable<string>, texts: Iterable<string>) {
    this.#ids = new Set([...ids].map((id) => id.toLowerCase()));
    const all = [...new Set(texts)];
    this.#whole = new Set(all);
    this.#searched = all.filter((text) => text.length >= SEARCHED_LENGTH);
  }

  get size(): number {
    return this.#ids.size + this.#whole.size;
  }

  /** Every foreign value inside `value` (any JSON). */
  foundIn(value: unknown): Set<string> {
    const found = new Set<string>();
    const visit = (node: unknown) => {
      if (typeof node === "string") this.#scan(node, found);
      else if (Array.isArray(node)) for (const item of node) visit(item);
      else if (node && typeof node === "object") for (const item of Object.values(node)) visit(item);
    };
    visit(value);
    return found;
  }

  #scan(text: string, found: Set<string>): void {
    for (const match of text.matchAll(UUID)) if (this.#ids.has(match[0].toLowerCase())) found.add(match[0].toLowerCase());
    if (BASE64.test(text)) {
      const decoded = Buffer.from(text, "base64").toString("utf8");
      for (const match of decoded.matchAll(UUID)) if (this.#ids.has(match[0].toLowerCase())) found.add(match[0].toLowerCase());
    }
    if (this.#whole.has(text)) found.add(text);
    if (text.length >= SEARCHED_LENGTH) for (const foreign of this.#searched) if (text.includes(foreign)) found.add(foreign);
  }
}

/** Every string in a row, including inside JSON columns and lists. */
function stringsOf(value: unknown, into: Set<string>): void {
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value && typeof value === "object" && !(value instanceof Date))
    for (const item of Object.values(value)) stringsOf(item, into);
}

/** An agency's rows, filtered by `agencyId` as well: on PGlite the agency's client is not scoped. */
async function rowsOf(client: PrismaClient, agencyId: string) {
  const ids = new Set<string>();
  const strings = new Set<string>();
  for (const model of tenantOwnedModels()) {
    for (const row of await delegate(client, model).findMany({ where: { agencyId } })) {
      if (typeof row.id === "string") ids.add(row.id);
      for (const [column, value] of Object.entries(row)) if (column !== "id") stringsOf(value, strings);
    }
  }
  return { ids, strings };
}

/**
 * Reads both agencies through their own clients. `shared` lists what either may
 * legitimately see of the other: the foreign agency's public pages, the schema's enum
 * values, the fuzzer's own vocabulary.
 */
export async function collectForeignValues(options: {
  foreign: PrismaClient;
  foreignAgencyId: string;
  own: PrismaClient;
  ownAgencyId: string;
  shared: unknown;
}): Promise<ForeignValues> {
  const foreign = await rowsOf(options.foreign, options.foreignAgencyId);
  const own = await rowsOf(options.own, options.ownAgencyId);
  const shared = new Set<string>();
  stringsOf(options.shared, shared);
  const sharedBlob = [...shared, ...own.strings].join("\u0001");
  const publicIds = new Set([...sharedBlob.matchAll(UUID)].map((match) => match[0].toLowerCase()));
  for (const text of shared) {
    if (BASE64.test(text))
      for (const match of Buffer.from(text, "base64").toString().matchAll(UUID)) publicIds.add(match[0].toLowerCase());
  }

  const texts = [...foreign.strings].filter(
    (text) =>
      text.length >= MIN_LENGTH &&
      !HAS_UUID.test(text) &&
      // Platform vocabulary rather than the agency's data: enum values, dates, profile, rule and category keys.
      !/^[A-Z0-9_.:-]+$/.test(text) &&
      !/^[a-z0-9]+([-.:_][a-z0-9]+)*$/.test(text) &&
      !own.strings.has(text) &&
      !shared.has(text) &&
      !sharedBlob.includes(text),
  );
  const ids = [...foreign.ids, options.foreignAgencyId].filter((id) => !publicIds.has(id.toLowerCase()));
  return new ForeignValues(ids, texts);
}
