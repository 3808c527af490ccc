import type { GraphQLResolveInfo } from "graphql";

/** What a connection page read: its rows, and how many the query asked for (page size + 1). */
interface ReadPage {
  rows: number;
  take: number | undefined;
}

/** Keyed by the connection field's resolve info, which Pothos hands to both `resolve` and `totalCount`. */
const pages = new WeakMap<GraphQLResolveInfo, ReadPage>();

interface PageArgs {
  after?: string | null;
  before?: string | null;
  last?: number | null;
}

/**
 * Wraps a connection's row read so that its `totalCount` can come from the page itself: a
 * first page that holds every row (fewer rows than the query asked for) already knows the
 * total, so a station list of 20 with `first: 25` costs no count statement.
 */
export async function readPage<T>(info: GraphQLResolveInfo, query: { take?: number }, rows: Promise<T[]>): Promise<T[]> {
  const read = await rows;
  pages.set(info, { rows: read.length, take: query.take });
  return read;
}

/**
 * The total for a connection's `totalCount`: the page's own row count when the page started at
 * the first row and came back short, otherwise `count()`. Only forward pages from the start
 * qualify: after a cursor, or counted from the end, rows outside the page exist unseen.
 */
export function totalCountOf(info: GraphQLResolveInfo, args: PageArgs, count: () => Promise<number>): Promise<number> {
  const page = pages.get(info);
  const fromTheStart = args.after == null && args.before == null && args.last == null;
  if (page && fromTheStart && page.take !== undefined && page.take > 0 && page.rows < page.take) {
    return Promise.resolve(page.rows);
  }
  return count();
}
