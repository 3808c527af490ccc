/** One GraphQL error as the API sends it. */
export interface ApiError {
  message: string;
  extensions?: { code?: string };
}

/** The API answered with errors (or not at all); `code` is the first error's `extensions.code`. */
export class GraphQLRequestError extends Error {
  override name = "GraphQLRequestError";
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export type RunQuery = <Data>(query: string, variables?: Record<string, unknown>) => Promise<Data>;

/**
 * Queries over HTTP on the page's own origin (the dev server forwards `/graphql` to the
 * API), with the member's bearer token.
 */
export function createHttpClient(token: string): RunQuery {
  return async <Data>(query: string, variables?: Record<string, unknown>) => {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: Data; errors?: ApiError[] };
    const first = body.errors?.[0];
    if (first) throw new GraphQLRequestError(first.message, first.extensions?.code);
    if (!response.ok || body.data === undefined) {
      throw new GraphQLRequestError(`The API answered ${response.status} ${response.statusText}`, undefined);
    }
    return body.data;
  };
}
