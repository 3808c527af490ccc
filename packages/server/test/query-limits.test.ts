import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_QUERY_LIMITS } from "@roundtable/server";
import { createTestApp, type TestApp } from "@roundtable/testing";
import { type DocumentNode, Kind, parse, print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** A limit must be at least this many times what our largest operation needs. */
const HEADROOM = 1.5;
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Every GraphQL operation our tests, examples and docs send: template literals and ```graphql blocks that parse. */
function ourOperations(): { file: string; body: string; document: DocumentNode }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name.startsWith(".") || name === "generated") continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(test\.ts|md)$/.test(name) || /examples\/.*\.ts$/.test(path)) files.push(path);
    }
  };
  for (const dir of ["packages", "plugins", "examples", "docs"]) {
    try {
      walk(join(ROOT, dir));
    } catch {
      // a folder that does not exist yet has no operations
    }
  }
  const found: { file: string; body: string; document: DocumentNode }[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const candidates = file.endsWith(".md")
      ? [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] as string)
      : [...text.matchAll(/`([^`]*)`/g)].map((match) => match[1] as string).filter((body) => !body.includes("${"));
    for (const body of candidates) {
      if (!/^\s*(query|mutation|subscription|\{)/.test(body)) continue;
      try {
        const document = parse(body);
        if (document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION))
          found.push({ file, body, document });
      } catch {
        // not GraphQL (or deliberately broken in a test): not one of our operations
      }
    }
  }
  return found;
}

describe("query limits leave headroom over our own operations", () => {
  const measured = { depth: 0, cost: 0, aliases: 0, directives: 0, tokens: 0 };
  const worst: Record<string, string> = {};
  let current = "";
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      seed: false,
      // Huge limits: measure, do not reject.
      security: {
        queryLimits: { maxDepth: 1e6, maxCost: 1e9, maxAliases: 1e6, maxDirectives: 1e6, maxTokens: 1e6 },
        observeQueryCost: (measure, value) => {
          if (value > measured[measure]) worst[measure] = current;
          measured[measure] = Math.max(measured[measure], value);
        },
      },
    });
  });
  afterAll(() => t.close());

  it("allows every operation in tests, examples and docs with at least 50% headroom", async () => {
    const operations = ourOperations();
    expect(operations.length).toBeGreaterThan(50);
    for (const { file, body, document } of operations) {
      current = `${file.slice(ROOT.length)}: ${print(document).slice(0, 120)}`;
      const { parse: parseWithLimits, validate, schema } = t.app.getEnveloped({});
      parseWithLimits(body);
      validate(schema, document);
    }
    // Printed so a maintainer raising a limit can see what our operations need.
    console.info(`largest of ${operations.length} operations:`, measured, worst);
    expect(measured.depth * HEADROOM).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxDepth);
    expect(measured.cost * HEADROOM).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost);
    expect(measured.aliases * HEADROOM).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxAliases);
    expect(measured.directives * HEADROOM).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxDirectives);
    expect(measured.tokens * HEADROOM).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxTokens);
  });
});

describe("query abuse is refused before anything runs", () => {
  let t: TestApp;
  let dev: TestApp;
  let token: string;
  const post = (body: BodyInit, headers: Record<string, string>) =>
    t.app.fetch("http://roundtable.test/graphql", { method: "POST", body, headers: { accept: "application/json", ...headers } });

  beforeAll(async () => {
    t = await createTestApp({ production: true });
    dev = await createTestApp({ seed: false });
    token = await t.tokenFor("metro", "CHIEF");
  });
  afterAll(async () => {
    await t.close();
    await dev.close();
  });

  it("refuses a query nested deeper than the limit without naming the limit in production (QA-04)", async () => {
    const deep = `{ viewer { member { ${"unit { parent { ".repeat(8)}id${" } }".repeat(8)} } } }`;
    const response = await t.graphql(deep, { token });
    expect(response.data).toBeUndefined();
    const messages = response.errors?.map((error) => error.message) ?? [];
    expect(messages).toContain("Syntax Error: Query validation error.");
    expect(messages.join()).not.toMatch(/17/);
    const named = await dev.graphql(deep);
    expect(named.errors?.[0]?.message).toMatch(/depth limit of 17/);
  });

  it("refuses alias overloading (QA-05)", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: viewer { roles }`).join(" ");
    const response = await dev.graphql(`{ ${aliases} }`);
    expect(response.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
  });

  it("refuses too many directives (QA-07)", async () => {
    const response = await dev.graphql(`{ __typename ${"@include(if: true) ".repeat(21)} }`);
    expect(response.errors?.map((error) => error.message).join()).toMatch(/Directives limit of 20 exceeded/);
  });

  it("refuses documents over the token and character limits (QA-08)", async () => {
    const tokens = await dev.graphql(`{ ${"__typename ".repeat(1001)} }`);
    expect(tokens.errors?.[0]?.message).toMatch(/Token limit of 1000 exceeded/);
    const characters = await dev.graphql(`{ __typename } # ${"x".repeat(15000)}`);
    expect(characters.errors?.[0]?.message).toMatch(/Character limit of 15000 exceeded/);
  });

  it("refuses a page size over 100 naming the argument, literal or variable, and accepts 100 (QA-12)", async () => {
    const literal = await t.graphql("{ stakeholders(first: 101) { totalCount } }", { token });
    expect(literal.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(literal.errors?.[0]?.message).toMatch(/^stakeholders\.first: must be at most 100 \(got 101\)/);
    const variable = await t.graphql(
      "query ($n: Int) { agency { orgUnits(first: 5) { edges { node { id } } } } stakeholders(last: $n) { totalCount } }",
      { token, variables: { n: 1_000_000 } },
    );
    expect(variable.data).toBeUndefined();
    expect(variable.errors?.[0]?.message).toMatch(/stakeholders\.last: must be at most 100 \(got 1000000\)/);
    const ok = await t.graphql("query ($n: Int = 100) { stakeholders(first: $n) { totalCount } }", { token });
    expect(ok.errors).toBeUndefined();
  });

  it("keeps batching off: a JSON array of operations is refused (QA-06)", async () => {
    const body = JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]);
    const response = await post(body, { "content-type": "application/json", "content-length": String(body.length) });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await response.json())).not.toMatch(/"__typename"/);
  });

  it("refuses a mutation over GET with 405 and still answers a GET query (QA-13b)", async () => {
    const mutation = encodeURIComponent(
      'mutation { submitFeedback(input: { agencySlug: "metro", text: "hi" }) { referenceId } }',
    );
    const refused = await t.app.fetch(`http://roundtable.test/graphql?query=${mutation}`, {
      headers: { accept: "application/json" },
    });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("POST");
    const query = await t.app.fetch(`http://roundtable.test/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json" },
    });
    expect(query.status).toBe(200);
  });

  it("refuses cross-site form, multipart and text/plain posts without the CSRF header, not JSON (QA-13c-e)", async () => {
    const form = `query=${encodeURIComponent("{ __typename }")}`;
    for (const type of ["application/x-www-form-urlencoded", "text/plain"]) {
      const response = await post(form, { "content-type": type, "content-length": String(form.length) });
      expect(response.status, type).toBe(403);
    }
    const json = await t.graphql("{ __typename }");
    expect(json.status).toBe(200);
  });

  it("refuses a body over 6 MiB with 413 and one of unknown length with 411 (QA-08)", async () => {
    const big = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(6 * 1024 * 1024) } });
    const tooBig = await post(big, { "content-type": "application/json", "content-length": String(big.length) });
    expect(tooBig.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ query: "{ __typename }" })));
        controller.close();
      },
    });
    const chunked = await t.app.fetch("http://roundtable.test/graphql", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
  });
});
