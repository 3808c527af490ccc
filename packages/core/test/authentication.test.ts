import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { seedDemo } from "@roundtable/core";
import { type Database, IN_MEMORY, openDatabase } from "@roundtable/db";
import { createApp, createLogger, type RoundtableApp } from "@roundtable/server";
import { createTestApp, type GraphQLResponse, TEST_SECRET, type TestApp } from "@roundtable/testing";
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const VIEWER = "{ viewer { authenticated roles agency { slug } member { email } } }";
const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name roles expiresAt } }
}`;
const REVOKE_TOKEN = "mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }";

interface Viewer {
  viewer: { authenticated: boolean; roles: string[]; agency: { slug: string } | null; member: { email: string } | null };
}

interface CreatedToken {
  createApiToken: { token: string; apiToken: { id: string; name: string; roles: string[]; expiresAt: string | null } };
}

const encoder = new TextEncoder();
const testSecret = encoder.encode(TEST_SECRET);
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

/** An HS256 token as `roundtable token` makes it, with every part overridable. */
function hs256(
  claims: JWTPayload & { agency?: string; email?: string; roles?: unknown },
  { secret = testSecret, issuer = "roundtable", expiresAt = inOneHour() as number | string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(secret);
}

/** Asserts the one answer every failed sign-in gets: the code, the shared message, no data. */
function expectUnauthenticated(response: GraphQLResponse<unknown>, message?: string) {
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  if (message !== undefined) expect(response.errors?.[0]?.message).toBe(message);
  expect(response.data ?? null).toBeNull();
}

/** One demo database for the HS256 and API-token tests; each test restores what it changes. */
describe("authentication on the demo agencies", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe("bearer tokens signed with the shared HS256 secret", () => {
    /** The message of an expired token; every other failure must read exactly the same. */
    let refusal: string;

    const viewer = (token?: string, headers?: Record<string, string>) =>
      t.graphql<Viewer>(VIEWER, { token, ...(headers ? { headers } : {}) });

    const metroChief = () => ({ agency: "metro", email: "chief@metro.example", roles: ["CHIEF"] });

    beforeAll(async () => {
      const expired = await hs256(metroChief(), { expiresAt: Math.floor(Date.now() / 1000) - 60 });
      const response = await viewer(expired);
      expectUnauthenticated(response);
      refusal = response.errors![0]!.message;
    });

    it("treats a request without an Authorization header as the public", async () => {
      const response = await viewer();
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ viewer: { authenticated: false, roles: [], agency: null, member: null } });
    });

    it("signs in a member with a token from the shared secret", async () => {
      const response = await viewer(await t.tokenFor("metro", "CHIEF"));
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        viewer: { authenticated: true, roles: ["CHIEF"], agency: { slug: "metro" }, member: { email: "chief@metro.example" } },
      });
    });

    it("tells the agencies apart by the token's agency claim", async () => {
      const response = await viewer(await t.tokenFor("lakeview", "COORDINATOR"));
      expect(response.data?.viewer).toEqual({
        authenticated: true,
        roles: ["COORDINATOR"],
        agency: { slug: "lakeview" },
        member: { email: "coordinator@lakeview.example" },
      });
    });

    it("says nothing about why a token was refused", () => {
      expect(refusal).not.toMatch(/expire(d|s) at|metro|chief@/i);
    });

    it("refuses an expired token", async () => {
      const token = await hs256(metroChief(), { expiresAt: Math.floor(Date.now() / 1000) - 1 });
      expectUnauthenticated(await viewer(token), refusal);
    });

    it.each(["abc", "a.b.c", "rt_not-a-real-api-token", "eyJhbGciOiJIUzI1NiJ9.eyJ9.x"])(
      "refuses the malformed token %s",
      async (token) => {
        expectUnauthenticated(await viewer(token), refusal);
      },
    );

    it("refuses a header that does not say Bearer", async () => {
      const token = await t.tokenFor("metro", "CHIEF");
      for (const authorization of [token, `Token ${token}`, `Basic ${token}`, "Bearer", "Bearer ", `Bearer ${token} extra`]) {
        expectUnauthenticated(await viewer(undefined, { authorization }), refusal);
      }
    });

    it("refuses a token signed with alg none", async () => {
      const payload = { ...metroChief(), iss: "roundtable", iat: Math.floor(Date.now() / 1000), exp: inOneHour() };
      for (const alg of ["none", "None", "NONE"]) {
        const unsigned = `${base64url({ alg, typ: "JWT" })}.${base64url(payload)}.`;
        expectUnauthenticated(await viewer(unsigned), refusal);
      }
    });

    it("refuses a token signed with another secret", async () => {
      const token = await hs256(metroChief(), { secret: encoder.encode("another-secret-0123456789-abcdefghijklmn") });
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("refuses a token of the right secret whose issuer is not roundtable", async () => {
      expectUnauthenticated(await viewer(await hs256(metroChief(), { issuer: "someone-else" })), refusal);
    });

    it("refuses a token without an issuer", async () => {
      const token = await new SignJWT(metroChief())
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(testSecret);
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("refuses a token that never expires", async () => {
      const token = await new SignJWT(metroChief()).setProtectedHeader({ alg: "HS256" }).setIssuer("roundtable").sign(testSecret);
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("refuses a token with an HS384 or HS512 signature of the right secret", async () => {
      for (const alg of ["HS384", "HS512"]) {
        const token = await new SignJWT(metroChief())
          .setProtectedHeader({ alg })
          .setIssuer("roundtable")
          .setExpirationTime("1h")
          .sign(encoder.encode(TEST_SECRET.repeat(2)));
        expectUnauthenticated(await viewer(token), refusal);
      }
    });

    it("refuses a token of an agency that does not exist", async () => {
      const token = await hs256({ agency: "gotham", email: "chief@gotham.example", roles: ["CHIEF"] });
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("refuses a token of an email that is no member of the agency", async () => {
      const token = await hs256({ agency: "metro", email: "nobody@metro.example", roles: ["CHIEF"] });
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("refuses a lakeview member named with agency metro", async () => {
      const token = await hs256({ agency: "metro", email: "chief@lakeview.example", roles: ["CHIEF"] });
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("refuses a token without the agency or email claim, or with claims of the wrong type", async () => {
      for (const claims of [
        { email: "chief@metro.example", roles: ["CHIEF"] },
        { agency: "metro", roles: ["CHIEF"] },
        { agency: ["metro"], email: "chief@metro.example", roles: ["CHIEF"] },
        { agency: "metro", email: { equals: "chief@metro.example" }, roles: ["CHIEF"] },
      ]) {
        expectUnauthenticated(await viewer(await hs256(claims as JWTPayload)), refusal);
      }
    });

    it("refuses a disabled member's token", async () => {
      const token = await t.tokenFor("metro", "COORDINATOR");
      expect((await viewer(token)).data?.viewer.authenticated).toBe(true);
      await t.database.prisma.member.updateMany({
        where: { email: "coordinator@metro.example", agency: { slug: "metro" } },
        data: { disabledAt: new Date() },
      });
      try {
        expectUnauthenticated(await viewer(token), refusal);
      } finally {
        await t.database.prisma.member.updateMany({
          where: { email: "coordinator@metro.example", agency: { slug: "metro" } },
          data: { disabledAt: null },
        });
      }
    });

    it("refuses a token claiming a role the member does not hold", async () => {
      const token = await hs256({ agency: "metro", email: "member@metro.example", roles: ["CHIEF"] });
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("grants only the held roles of a token that also claims one the member does not hold", async () => {
      const token = await hs256({ agency: "metro", email: "member@metro.example", roles: ["CHIEF", "MEMBER", "MEMBER"] });
      const response = await viewer(token);
      expect(response.errors).toBeUndefined();
      expect(response.data?.viewer).toMatchObject({ authenticated: true, roles: ["MEMBER"] });
    });

    it("refuses a token whose roles claim is no list of roles", async () => {
      for (const roles of ["CHIEF", "MEMBER", [], ["SUPERUSER"], [{ role: "MEMBER" }], null]) {
        const token = await hs256({ agency: "metro", email: "member@metro.example", roles });
        expectUnauthenticated(await viewer(token), refusal);
      }
    });

    it("grants the member's own roles to a token that names none", async () => {
      const token = await hs256({ agency: "metro", email: "member@metro.example" });
      const response = await viewer(token);
      expect(response.errors).toBeUndefined();
      expect(response.data?.viewer).toMatchObject({ authenticated: true, roles: ["MEMBER"], agency: { slug: "metro" } });
    });

    it("takes a removed role away from a token already issued", async () => {
      const token = await t.tokenFor("metro", "CHIEF");
      expect((await viewer(token)).data?.viewer.roles).toEqual(["CHIEF"]);
      const chief = await t.database.prisma.member.findFirstOrThrow({
        where: { email: "chief@metro.example", agency: { slug: "metro" } },
      });
      await t.database.prisma.member.update({
        where: { id: chief.id },
        data: { roles: chief.roles.filter((r) => r !== "CHIEF") },
      });
      try {
        expectUnauthenticated(await viewer(token), refusal);
      } finally {
        await t.database.prisma.member.update({ where: { id: chief.id }, data: { roles: chief.roles } });
      }
      expect((await viewer(token)).data?.viewer.roles).toEqual(["CHIEF"]);
    });

    it("refuses a mutation with a bad token instead of running it as the public", async () => {
      const response = await t.graphql(
        'mutation { createStakeholder(input: { name: "Elm Street Watch", kind: CHURCH }) { stakeholder { id } } }',
        {
          token: "a.b.c",
        },
      );
      expectUnauthenticated(response, refusal);
      expect(await t.database.prisma.stakeholder.count({ where: { name: "Elm Street Watch" } })).toBe(0);
    });
  });

  describe("API tokens", () => {
    let chief: string;
    let refusal: string;
    let metroId: string;

    const viewer = (token: string) => t.graphql<Viewer>(VIEWER, { token });
    const create = (token: string | undefined, input: Record<string, unknown>) =>
      t.graphql<CreatedToken>(CREATE_TOKEN, { token, variables: { input } });
    const revoke = (token: string, id: string) => t.graphql(REVOKE_TOKEN, { token, variables: { id } });
    const tokenRows = () => t.database.prisma.apiToken.count();

    async function createOk(token: string, input: Record<string, unknown>) {
      const response = await create(token, input);
      expect(response.errors).toBeUndefined();
      return response.data!.createApiToken;
    }

    beforeAll(async () => {
      chief = await t.tokenFor("metro", "CHIEF");
      metroId = (await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "metro" } })).id;
      const response = await viewer("rt_unknown");
      expectUnauthenticated(response);
      refusal = response.errors![0]!.message;
    });

    it("creates a token shown once and stores only its SHA-256 hash", async () => {
      const created = await createOk(chief, { name: "CAD sync", roles: ["CHIEF"] });
      expect(created.token).toMatch(/^rt_metro\.[A-Za-z0-9_-]{43}$/);
      expect(created.apiToken).toMatchObject({ name: "CAD sync", roles: ["CHIEF"], expiresAt: null });

      const rows = await t.database.prisma.apiToken.findMany();
      const row = rows.find((candidate) => candidate.name === "CAD sync")!;
      expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
      const secretPart = created.token.slice("rt_metro.".length);
      for (const value of Object.values(row)) expect(JSON.stringify(value) ?? "").not.toContain(secretPart);
      const audits = await t.database.prisma.auditEvent.findMany();
      expect(JSON.stringify(audits)).not.toContain(secretPart);
    });

    it("signs in with the API token as the member who created it", async () => {
      const { token } = await createOk(chief, { name: "Records export", roles: ["CHIEF"] });
      const response = await viewer(token);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        viewer: { authenticated: true, roles: ["CHIEF"], agency: { slug: "metro" }, member: { email: "chief@metro.example" } },
      });
    });

    it("audits the creation in the creator's agency", async () => {
      const { apiToken } = await createOk(chief, { name: "Audited token" });
      const row = await t.database.prisma.apiToken.findFirstOrThrow({ where: { name: "Audited token" } });
      const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "api-token.create", entityId: row.id } });
      const chiefMember = await t.database.prisma.member.findFirstOrThrow({ where: { email: "chief@metro.example" } });
      expect(audit).toMatchObject({
        agencyId: metroId,
        entityType: "ApiToken",
        outcome: "SUCCESS",
        actorMemberId: chiefMember.id,
      });
      expect(row.agencyId).toBe(metroId);
      expect(apiToken.roles).toEqual(["CHIEF"]);
    });

    it("refuses a revoked token", async () => {
      const { token, apiToken } = await createOk(chief, { name: "To revoke", roles: ["CHIEF"] });
      expect((await viewer(token)).data?.viewer.authenticated).toBe(true);
      const response = await revoke(chief, apiToken.id);
      expect(response.errors).toBeUndefined();
      expect(response.data).toMatchObject({ revokeApiToken: { id: apiToken.id, revokedAt: expect.any(String) } });
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("refuses to grant a role the creator does not hold, and writes nothing", async () => {
      const before = await tokenRows();
      const response = await create(chief, { name: "Escalation", roles: ["CHIEF", "AGENCY_ADMIN"] });
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.errors?.[0]?.message).toMatch(/input\.roles/);
      expect(response.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field: "input.roles" })]);
      expect(response.data ?? null).toBeNull();
      expect(await tokenRows()).toBe(before);
    });

    it("refuses an empty list of roles", async () => {
      const response = await create(chief, { name: "No roles", roles: [] });
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.errors?.[0]?.message).toMatch(/input\.roles/);
    });

    it("refuses an empty name", async () => {
      const before = await tokenRows();
      for (const name of ["", "   "]) {
        const response = await create(chief, { name });
        expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(response.errors?.[0]?.message).toMatch(/input\.name/);
        expect(response.data ?? null).toBeNull();
      }
      expect(await tokenRows()).toBe(before);
    });

    it("refuses an expiry in the past", async () => {
      const before = await tokenRows();
      const response = await create(chief, { name: "Stale", expiresAt: new Date(Date.now() - 60_000).toISOString() });
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.errors?.[0]?.message).toMatch(/input\.expiresAt/);
      expect(await tokenRows()).toBe(before);
    });

    it("refuses an API token once it has expired", async () => {
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const { token, apiToken } = await createOk(chief, { name: "Short-lived", expiresAt });
      expect(apiToken.expiresAt).toBe(expiresAt);
      expect((await viewer(token)).data?.viewer.authenticated).toBe(true);
      await t.database.prisma.apiToken.updateMany({
        where: { tokenHash: createHash("sha256").update(token).digest("hex") },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("refuses the API token of a disabled member", async () => {
      const admin = await t.tokenFor("metro", "AGENCY_ADMIN");
      const { token } = await createOk(admin, { name: "Admin sync" });
      const where = { email: "agency_admin@metro.example", agency: { slug: "metro" } };
      await t.database.prisma.member.updateMany({ where, data: { disabledAt: new Date() } });
      try {
        expectUnauthenticated(await viewer(token), refusal);
      } finally {
        await t.database.prisma.member.updateMany({ where, data: { disabledAt: null } });
      }
      expect((await viewer(token)).data?.viewer.authenticated).toBe(true);
    });

    it("takes a role the member lost away from their API tokens", async () => {
      const commander = await t.tokenFor("metro", "UNIT_COMMANDER");
      const { token } = await createOk(commander, { name: "Station board" });
      const member = await t.database.prisma.member.findFirstOrThrow({ where: { email: "unit_commander@metro.example" } });
      await t.database.prisma.member.update({ where: { id: member.id }, data: { roles: ["MEMBER"] } });
      try {
        expectUnauthenticated(await viewer(token), refusal);
      } finally {
        await t.database.prisma.member.update({ where: { id: member.id }, data: { roles: member.roles } });
      }
    });

    it("does not let a lakeview admin revoke a metro token", async () => {
      const { token, apiToken } = await createOk(chief, { name: "Cross-agency target" });
      const response = await revoke(await t.tokenFor("lakeview", "AGENCY_ADMIN"), apiToken.id);
      expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(response.data ?? null).toBeNull();
      expect((await viewer(token)).data?.viewer).toMatchObject({ authenticated: true, agency: { slug: "metro" } });
      const row = await t.database.prisma.apiToken.findUniqueOrThrow({ where: { id: (await rowOf(token)).id } });
      expect(row.revokedAt).toBeNull();
    });

    it("does not let a colleague without the admin role revoke someone else's token", async () => {
      const { token, apiToken } = await createOk(chief, { name: "Colleague target" });
      const response = await revoke(await t.tokenFor("metro", "COORDINATOR"), apiToken.id);
      expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect((await viewer(token)).data?.viewer.authenticated).toBe(true);
    });

    it("lets the agency's admin revoke a member's token", async () => {
      const { token, apiToken } = await createOk(chief, { name: "Admin revokes" });
      const response = await revoke(await t.tokenFor("metro", "AGENCY_ADMIN"), apiToken.id);
      expect(response.errors).toBeUndefined();
      expectUnauthenticated(await viewer(token), refusal);
    });

    it("shows a token only to its owner and the agency's admin", async () => {
      const { apiToken } = await createOk(chief, { name: "Owner only" });
      const NODE = "query ($id: ID!) { node(id: $id) { ... on ApiToken { name } } }";
      const lookUp = async (token: string) => {
        const response = await t.graphql<{ node: { name: string } | null }>(NODE, { token, variables: { id: apiToken.id } });
        expect(response.errors).toBeUndefined();
        return response.data?.node ?? null;
      };
      expect(await lookUp(chief)).toEqual({ name: "Owner only" });
      expect(await lookUp(await t.tokenFor("metro", "AGENCY_ADMIN"))).toEqual({ name: "Owner only" });
      expect(await lookUp(await t.tokenFor("metro", "COORDINATOR"))).toBeNull();
      expect(await lookUp(await t.tokenFor("lakeview", "AGENCY_ADMIN"))).toBeNull();
      const listed = await t.graphql<{ apiTokens: { name: string }[] }>("{ apiTokens { name } }", {
        token: await t.tokenFor("metro", "COORDINATOR"),
      });
      expect(listed.data?.apiTokens.map((token) => token.name)).not.toContain("Owner only");
    });

    it("stores the name without surrounding blanks", async () => {
      const { apiToken } = await createOk(chief, { name: "  Padded name  " });
      expect(apiToken.name).toBe("Padded name");
    });

    it("refuses createApiToken to the public", async () => {
      const before = await tokenRows();
      const response = await create(undefined, { name: "Anonymous" });
      expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(response.data ?? null).toBeNull();
      expect(await tokenRows()).toBe(before);
    });

    it("does not let an API token mint further API tokens", async () => {
      const { token } = await createOk(chief, { name: "Integration" });
      const before = await tokenRows();
      const response = await create(token, { name: "Minted by an integration" });
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(response.data ?? null).toBeNull();
      expect(await tokenRows()).toBe(before);
    });

    async function rowOf(token: string) {
      return t.database.prisma.apiToken.findUniqueOrThrow({
        where: { tokenHash: createHash("sha256").update(token).digest("hex") },
      });
    }
  });
});

describe("authentication against an identity provider's JWKS", () => {
  let jwksServer: Server;
  let database: Database;
  let app: RoundtableApp;
  let signingKey: CryptoKey;
  let publicJwk: Record<string, unknown>;
  let publicPem: string;
  let refusal: string;
  let jwksUrl: URL;

  const KID = "test-key-1";
  const claims = { agency: "metro", email: "chief@metro.example", roles: ["CHIEF"] };

  const rs256 = (key: CryptoKey, payload: JWTPayload = claims, kid = KID) =>
    new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid }).setIssuedAt().setExpirationTime("5m").sign(key);

  async function viewer(token: string) {
    const response = await app.fetch("http://roundtable.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: VIEWER }),
    });
    return (await response.json()) as GraphQLResponse<Viewer>;
  }

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: "RS256", use: "sig" };
    publicPem = await exportSPKI(pair.publicKey);
    jwksServer = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
    const { port } = jwksServer.address() as AddressInfo;
    jwksUrl = new URL(`http://127.0.0.1:${port}/.well-known/jwks.json`);

    database = await openDatabase({ dataDir: IN_MEMORY });
    await seedDemo(database.prisma);
    app = createApp({
      database,
      verification: { kind: "jwks", url: jwksUrl, algorithms: ["RS256"] },
      log: createLogger("silent"),
    });
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: KID })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(signingKey);
    const response = await viewer(expired);
    expectUnauthenticated(response);
    refusal = response.errors![0]!.message;
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.close();
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  it("accepts an RS256 token signed by the provider's key", async () => {
    const response = await viewer(await rs256(signingKey));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      viewer: { authenticated: true, roles: ["CHIEF"], agency: { slug: "metro" }, member: { email: "chief@metro.example" } },
    });
  });

  it("still applies the member checks to a provider's token", async () => {
    const token = await rs256(signingKey, { agency: "metro", email: "member@metro.example", roles: ["CHIEF"] });
    expectUnauthenticated(await viewer(token), refusal);
  });

  it("refuses an HS256 token, whatever it was signed with", async () => {
    const secrets = [encoder.encode(JSON.stringify(publicJwk)), encoder.encode(publicPem), testSecret];
    for (const secret of secrets) {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256", kid: KID })
        .setIssuer("roundtable")
        .setExpirationTime("5m")
        .sign(secret);
      expectUnauthenticated(await viewer(token), refusal);
    }
  });

  it("refuses a token signed by another RS256 key", async () => {
    const other = await generateKeyPair("RS256");
    expectUnauthenticated(await viewer(await rs256(other.privateKey)), refusal);
    expectUnauthenticated(await viewer(await rs256(other.privateKey, claims, "unknown-kid")), refusal);
  });

  it("refuses an expired provider token", async () => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: KID })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1)
      .sign(signingKey);
    expectUnauthenticated(await viewer(token), refusal);
  });

  it("refuses a provider token that never expires", async () => {
    const token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: KID }).setIssuedAt().sign(signingKey);
    expectUnauthenticated(await viewer(token), refusal);
  });

  it("checks the provider's issuer and audience when they are configured", async () => {
    const strict = createApp({
      database,
      verification: { kind: "jwks", url: jwksUrl, algorithms: ["RS256"], issuer: "https://idp.example", audience: "roundtable" },
      log: createLogger("silent"),
    });
    try {
      const sign = (issuer: string, audience: string) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: "RS256", kid: KID })
          .setIssuer(issuer)
          .setAudience(audience)
          .setExpirationTime("5m")
          .sign(signingKey);
      const ask = async (token: string) =>
        (await (
          await strict.fetch("http://roundtable.test/graphql", {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: VIEWER }),
          })
        ).json()) as GraphQLResponse<Viewer>;
      expect((await ask(await sign("https://idp.example", "roundtable"))).data?.viewer.authenticated).toBe(true);
      expectUnauthenticated(await ask(await sign("https://evil.example", "roundtable")), refusal);
      expectUnauthenticated(await ask(await sign("https://idp.example", "another-app")), refusal);
      expectUnauthenticated(await ask(await rs256(signingKey)), refusal);
    } finally {
      await strict.dispose();
    }
  });

  it("will not verify provider tokens with a symmetric algorithm or none", () => {
    for (const algorithms of [["HS256"], ["RS256", "HS256"], ["none"], []]) {
      expect(() =>
        createApp({ database, verification: { kind: "jwks", url: jwksUrl, algorithms }, log: createLogger("silent") }),
      ).toThrow(/asymmetric/);
    }
  });

  it("refuses an unsigned alg none token", async () => {
    const unsigned = `${base64url({ alg: "none", kid: KID })}.${base64url({ ...claims, exp: inOneHour() })}.`;
    expectUnauthenticated(await viewer(unsigned), refusal);
  });
});
