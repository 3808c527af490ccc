/** A Relay global ID as Roundtable encodes it (base64 of `Type:uuid`). */
export function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString("base64");
}

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  token?: string;
}

export function requestInit({ query, variables, token }: GraphqlRequest) {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  };
}

/** Sends one request and returns the parsed body; GraphQL errors throw, naming the server. */
export async function graphql<T = unknown>(url: string, request: GraphqlRequest): Promise<T> {
  const response = await fetch(`${url}/graphql`, requestInit(request));
  const text = await response.text();
  let body: { data?: T; errors?: unknown[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  if (body.errors?.length || !body.data) throw new Error(`${url} answered errors: ${JSON.stringify(body.errors).slice(0, 600)}`);
  return body as T;
}
