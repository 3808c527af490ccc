import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CREATE_AGENCY = `mutation ($input: CreateAgencyInput!) {
  createAgency(input: $input) { agency { id slug name kind timeZone members { totalCount } } firstAdmin { email roles } }
}`;
const CREATE_UNIT = `mutation ($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id name kind code version parent { name } commander { name } } }
}`;
const UPDATE_UNIT = `mutation ($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) { orgUnit { id name version parent { name } } } }`;
const INVITE = `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { member { id email roles version unit { name } } } }`;
const UPDATE_MEMBER = `mutation ($input: UpdateMemberInput!) { updateMember(input: $input) { member { id rank languages version unit { name } } } }`;
const SET_ROLES = `mutation ($memberId: ID!, $expectedVersion: Int!, $roles: [Role!]!) {
  setMemberRoles(memberId: $memberId, expectedVersion: $expectedVersion, roles: $roles) { member { roles version } }
}`;
const DISABLE = `mutation ($memberId: ID!) { disableMember(memberId: $memberId) { member { disabled disabledAt } } }`;
const ENABLE = `mutation ($memberId: ID!) { enableMember(memberId: $memberId) { member { disabled } } }`;
const VIEWER = "{ viewer { authenticated agency { slug } member { email } } }";

type Edges<T> = { totalCount: number; edges: { node: T }[] };

describe("administration", () => {
  let t: TestApp;
  let operator: string;
  let admin: string;
  let units: Map<string, string>;
  let lakeviewUnitId: string;
  let lakeviewMemberId: string;

  const count = (model: "agency" | "orgUnit" | "member") =>
    (t.database.prisma[model] as unknown as { count(): Promise<number> }).count();

  /** The member's global ID and version, by email, as an admin screen would read them. */
  async function memberByEmail(email: string, token = admin) {
    const response = await t.graphql<{ members: Edges<{ id: string; version: number; roles: string[] }> }>(
      `query ($search: String) { members(filter: { search: $search, includeDisabled: true }) { edges { node { id version roles } } } }`,
      { token, variables: { search: email } },
    );
    return response.data!.members.edges[0]!.node;
  }

  beforeAll(async () => {
    t = await createTestApp();
    operator = await t.tokenFor("metro", "PLATFORM_OPERATOR");
    admin = await t.tokenFor("metro", "AGENCY_ADMIN");
    const list = await t.graphql<{ orgUnits: Edges<{ id: string; name: string }> }>(
      "{ orgUnits(first: 100) { edges { node { id name } } } }",
      {
        token: admin,
      },
    );
    units = new Map(list.data!.orgUnits.edges.map(({ node }) => [node.name, node.id]));
    const lakeviewChief = await t.tokenFor("lakeview", "CHIEF");
    const lakeview = await t.graphql<{ orgUnits: Edges<{ id: string }>; members: Edges<{ id: string }> }>(
      "{ orgUnits(first: 1) { edges { node { id } } } members(first: 1) { edges { node { id } } } }",
      { token: lakeviewChief },
    );
    lakeviewUnitId = lakeview.data!.orgUnits.edges[0]!.node.id;
    lakeviewMemberId = lakeview.data!.members.edges[0]!.node.id;
  });
  afterAll(() => t.close());

  describe("opening an agency", () => {
    const input = {
      slug: "riverton",
      name: "Riverton Police Department",
      kind: "POLICE_DEPARTMENT",
      timeZone: "america/denver",
      firstAdmin: { email: "  Dana.Admin@Riverton.example ", name: "Dana Admin" },
    };

    it("lets the platform operator open an agency whose first admin can sign in at once", async () => {
      const created = await t.graphql(CREATE_AGENCY, { token: operator, variables: { input } });
      expect(created.errors).toBeUndefined();
      expect(created.data).toMatchObject({
        createAgency: {
          agency: {
            slug: "riverton",
            name: "Riverton Police Department",
            timeZone: "America/Denver",
            members: { totalCount: 1 },
          },
          firstAdmin: { email: "dana.admin@riverton.example", roles: ["AGENCY_ADMIN"] },
        },
      });
      const newAdmin = await t.tokenFor("riverton", "AGENCY_ADMIN", { email: "dana.admin@riverton.example" });
      const viewer = await t.graphql(VIEWER, { token: newAdmin });
      expect(viewer.data).toEqual({
        viewer: { authenticated: true, agency: { slug: "riverton" }, member: { email: "dana.admin@riverton.example" } },
      });
    });

    it("keeps the new agency's data apart from every other agency's", async () => {
      const newAdmin = await t.tokenFor("riverton", "AGENCY_ADMIN", { email: "dana.admin@riverton.example" });
      const own = await t.graphql<{ members: { totalCount: number }; orgUnits: { totalCount: number } }>(
        "{ members { totalCount } orgUnits { totalCount } }",
        { token: newAdmin },
      );
      expect(own.data).toEqual({ members: { totalCount: 1 }, orgUnits: { totalCount: 0 } });
      const metroUnit = await t.graphql("query ($id: ID!) { node(id: $id) { id } }", {
        token: newAdmin,
        variables: { id: units.get("Eastside Station") },
      });
      expect(metroUnit.data).toEqual({ node: null });
      const fromMetro = await t.graphql<{ members: { totalCount: number } }>(
        `{ members(filter: { search: "riverton" }) { totalCount } }`,
        { token: admin },
      );
      expect(fromMetro.data!.members.totalCount).toBe(0);
    });

    it("audits the new agency in its own trail, naming the operator and not the admin's email", async () => {
      const agency = await t.database.prisma.agency.findUniqueOrThrow({ where: { slug: "riverton" } });
      const events = await t.database.prisma.auditEvent.findMany({ where: { agencyId: agency.id }, orderBy: { action: "asc" } });
      expect(events.map((event) => event.action)).toEqual(["agency.create", "member.create"]);
      expect(events[0]).toMatchObject({ entityType: "Agency", entityId: agency.id, actorRoles: ["PLATFORM_OPERATOR"] });
      expect(events[0]!.actorMemberId).not.toBeNull();
      expect(JSON.stringify(events)).not.toMatch(/dana/i);
    });

    it("refuses a slug already taken with CONFLICT naming input.slug, writing nothing", async () => {
      const before = await count("agency");
      const taken = await t.graphql(CREATE_AGENCY, {
        token: operator,
        variables: { input: { ...input, slug: "metro", firstAdmin: { email: "someone@else.example", name: "Someone" } } },
      });
      expect(taken.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(taken.errors?.[0]?.message).toBe("input.slug: already taken");
      expect(await count("agency")).toBe(before);
      expect(await t.database.prisma.member.count({ where: { email: "someone@else.example" } })).toBe(0);
    });

    it("names every bad field of a new agency at once", async () => {
      const before = await count("agency");
      const bad = await t.graphql(CREATE_AGENCY, {
        token: operator,
        variables: {
          input: { ...input, slug: "Bad Slug!", name: " ", timeZone: "Mars/Olympus", firstAdmin: { email: "nope", name: "X" } },
        },
      });
      expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const message = bad.errors?.[0]?.message;
      expect(message).toMatch(/input\.slug: must be 2 to 40 lowercase letters/);
      expect(message).toMatch(/input\.name: must not be empty/);
      expect(message).toMatch(/input\.timeZone: must be an IANA time zone/);
      expect(message).toMatch(/input\.firstAdmin\.email: must be an email address/);
      expect(await count("agency")).toBe(before);
    });

    it("refuses everyone but the platform operator (FORBIDDEN), and the public (UNAUTHENTICATED)", async () => {
      const before = await count("agency");
      const variables = { input: { ...input, slug: "sneaky" } };
      for (const role of ["AGENCY_ADMIN", "CHIEF", "MEMBER"] as const) {
        const refused = await t.graphql(CREATE_AGENCY, { token: await t.tokenFor("metro", role), variables });
        expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      }
      expect((await t.graphql(CREATE_AGENCY, { variables })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(await count("agency")).toBe(before);
    });
  });

  describe("org units", () => {
    it("lets the admin add a unit under a parent with a commander, and audits it", async () => {
      const commander = await memberByEmail("daniel.kim@metro.example");
      const created = await t.graphql(CREATE_UNIT, {
        token: admin,
        variables: {
          input: {
            name: "Eastside Youth Services",
            kind: "UNIT",
            code: "EYS",
            parentId: units.get("Eastside Station"),
            commanderId: commander.id,
          },
        },
      });
      expect(created.errors).toBeUndefined();
      expect(created.data).toMatchObject({
        createOrgUnit: {
          orgUnit: {
            name: "Eastside Youth Services",
            kind: "UNIT",
            code: "EYS",
            version: 1,
            parent: { name: "Eastside Station" },
            commander: { name: "Daniel Kim" },
          },
        },
      });
      const audit = await t.database.prisma.auditEvent.findFirst({ where: { action: "org-unit.create" } });
      expect(audit).toMatchObject({ entityType: "OrgUnit", outcome: "SUCCESS", actorRoles: ["AGENCY_ADMIN"] });
      // Only the link is set: commanding a unit does not grant a role.
      expect((await memberByEmail("daniel.kim@metro.example")).roles).toEqual(["MEMBER"]);
    });

    it("refuses a second unit of the same name with CONFLICT naming input.name", async () => {
      const before = await count("orgUnit");
      const duplicate = await t.graphql(CREATE_UNIT, {
        token: admin,
        variables: { input: { name: "harbor station", kind: "PATROL_STATION" } },
      });
      expect(duplicate.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(duplicate.errors?.[0]?.message).toMatch(/^input\.name: /);
      const rename = await t.graphql(UPDATE_UNIT, {
        token: admin,
        variables: { input: { id: units.get("Valley Station"), expectedVersion: 1, name: "Harbor Station" } },
      });
      expect(rename.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(rename.errors?.[0]?.message).toMatch(/^input\.name: /);
      expect(await count("orgUnit")).toBe(before);
      expect(await t.database.prisma.orgUnit.count({ where: { name: "Valley Station" } })).toBe(1);
    });

    it("refuses to make a unit its own ancestor", async () => {
      const cycle = await t.graphql(UPDATE_UNIT, {
        token: admin,
        variables: { input: { id: units.get("Patrol Division"), expectedVersion: 1, parentId: units.get("Eastside Station") } },
      });
      expect(cycle.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(cycle.errors?.[0]?.message).toBe("input.parentId: would make a cycle");
      const self = await t.graphql(UPDATE_UNIT, {
        token: admin,
        variables: { input: { id: units.get("Headquarters"), expectedVersion: 1, parentId: units.get("Headquarters") } },
      });
      expect(self.errors?.[0]?.message).toBe("input.parentId: would make a cycle");
      const division = await t.database.prisma.orgUnit.findFirstOrThrow({
        where: { name: "Patrol Division" },
        include: { parent: true },
      });
      expect(division).toMatchObject({ version: 1, parent: { name: "Headquarters" } });
    });

    it("moves a unit and refuses a stale version with CONFLICT naming the current one", async () => {
      const moved = await t.graphql(UPDATE_UNIT, {
        token: admin,
        variables: { input: { id: units.get("Valley Station"), expectedVersion: 1, parentId: units.get("Headquarters") } },
      });
      expect(moved.data).toMatchObject({ updateOrgUnit: { orgUnit: { version: 2, parent: { name: "Headquarters" } } } });
      const stale = await t.graphql(UPDATE_UNIT, {
        token: admin,
        variables: { input: { id: units.get("Valley Station"), expectedVersion: 1, name: "Overwritten" } },
      });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
      expect(await t.database.prisma.orgUnit.count({ where: { name: "Overwritten" } })).toBe(0);
    });

    it("answers another agency's unit or member like a missing one, naming the field", async () => {
      const before = await count("orgUnit");
      const parent = await t.graphql(CREATE_UNIT, {
        token: admin,
        variables: { input: { name: "Elsewhere", kind: "UNIT", parentId: lakeviewUnitId } },
      });
      expect(parent.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(parent.errors?.[0]?.message).toBe("input.parentId: no such record");
      const commander = await t.graphql(CREATE_UNIT, {
        token: admin,
        variables: { input: { name: "Elsewhere", kind: "UNIT", commanderId: lakeviewMemberId } },
      });
      expect(commander.errors?.[0]?.message).toBe("input.commanderId: no such record");
      const wrongType = await t.graphql(CREATE_UNIT, {
        token: admin,
        variables: { input: { name: "Elsewhere", kind: "UNIT", commanderId: units.get("Headquarters") } },
      });
      expect(wrongType.errors?.[0]).toMatchObject({
        message: "input.commanderId: must be the ID of a Member",
        extensions: { code: "BAD_USER_INPUT" },
      });
      expect(await count("orgUnit")).toBe(before);
    });

    it("lists units by kind and parent with totalCount", async () => {
      const stations = await t.graphql<{ orgUnits: Edges<{ name: string }> }>(
        "{ orgUnits(filter: { kind: PATROL_STATION }) { totalCount edges { node { name } } } }",
        { token: await t.tokenFor("metro", "MEMBER") },
      );
      expect(stations.data!.orgUnits.totalCount).toBe(3);
      const children = await t.graphql<{ orgUnits: Edges<{ name: string }> }>(
        "query ($parentId: ID) { orgUnits(filter: { parentId: $parentId }) { totalCount edges { node { name } } } }",
        { token: admin, variables: { parentId: units.get("Patrol Division") } },
      );
      expect(children.data!.orgUnits.edges.map(({ node }) => node.name)).toEqual(["Eastside Station", "Harbor Station"]);
    });
  });

  describe("members", () => {
    it("invites a member who can sign in, and keeps their name and email out of the audit trail", async () => {
      const invited = await t.graphql(INVITE, {
        token: admin,
        variables: {
          input: {
            email: "Sofia.Ramirez@metro.example",
            name: "Sofia Ramirez",
            kind: "SWORN",
            rank: "Deputy",
            unitId: units.get("Harbor Station"),
            roles: ["MEMBER"],
            languages: ["en", "es"],
          },
        },
      });
      expect(invited.errors).toBeUndefined();
      expect(invited.data).toMatchObject({
        inviteMember: {
          member: { email: "sofia.ramirez@metro.example", roles: ["MEMBER"], version: 1, unit: { name: "Harbor Station" } },
        },
      });
      const viewer = await t.graphql(VIEWER, {
        token: await t.tokenFor("metro", "MEMBER", { email: "sofia.ramirez@metro.example" }),
      });
      expect(viewer.data).toMatchObject({ viewer: { member: { email: "sofia.ramirez@metro.example" } } });
      const audits = await t.database.prisma.auditEvent.findMany({ where: { action: "member.invite" } });
      expect(audits).toHaveLength(1);
      expect(JSON.stringify(audits)).not.toMatch(/sofia|ramirez/i);
    });

    it("refuses an email already in the agency with CONFLICT naming input.email", async () => {
      const before = await count("member");
      const again = await t.graphql(INVITE, {
        token: admin,
        variables: { input: { email: "SOFIA.RAMIREZ@metro.example", name: "Sofia Again" } },
      });
      expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(again.errors?.[0]?.message).toMatch(/^input\.email: /);
      expect(await count("member")).toBe(before);
    });

    it("refuses to let an agency admin grant PLATFORM_OPERATOR, by invitation or by role change", async () => {
      const before = await count("member");
      const invited = await t.graphql(INVITE, {
        token: admin,
        variables: { input: { email: "escalate@metro.example", name: "Escalate", roles: ["PLATFORM_OPERATOR"] } },
      });
      expect(invited.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(invited.errors?.[0]?.message).toMatch(/^input\.roles: only a platform operator/);
      expect(await count("member")).toBe(before);
      const self = await memberByEmail("agency_admin@metro.example");
      const promoted = await t.graphql(SET_ROLES, {
        token: admin,
        variables: { memberId: self.id, expectedVersion: self.version, roles: ["AGENCY_ADMIN", "PLATFORM_OPERATOR"] },
      });
      expect(promoted.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await memberByEmail("agency_admin@metro.example")).roles).toEqual(["AGENCY_ADMIN"]);
    });

    it("lets the platform operator grant PLATFORM_OPERATOR", async () => {
      const granted = await t.graphql(INVITE, {
        token: operator,
        variables: { input: { email: "second.operator@metro.example", name: "Second Operator", roles: ["PLATFORM_OPERATOR"] } },
      });
      expect(granted.data).toMatchObject({ inviteMember: { member: { roles: ["PLATFORM_OPERATOR"] } } });
    });

    it("refuses to remove the agency's last AGENCY_ADMIN, by role change or by disabling", async () => {
      const self = await memberByEmail("agency_admin@metro.example");
      const demoted = await t.graphql(SET_ROLES, {
        token: admin,
        variables: { memberId: self.id, expectedVersion: self.version, roles: ["MEMBER"] },
      });
      expect(demoted.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(demoted.errors?.[0]?.message).toMatch(/^roles: .*last AGENCY_ADMIN/);
      const none = await t.graphql(SET_ROLES, {
        token: admin,
        variables: { memberId: self.id, expectedVersion: self.version, roles: [] },
      });
      expect(none.errors?.[0]).toMatchObject({
        message: "roles: must name at least one role",
        extensions: { code: "BAD_USER_INPUT" },
      });
      const disabled = await t.graphql(DISABLE, { token: await t.tokenFor("metro", "CHIEF"), variables: { memberId: self.id } });
      expect(disabled.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      const row = await t.database.prisma.member.findFirstOrThrow({ where: { email: "agency_admin@metro.example" } });
      expect(row).toMatchObject({ roles: ["AGENCY_ADMIN"], disabledAt: null, version: self.version });
    });

    it("lets an admin step down once someone else is an admin, and audits the roles before and after", async () => {
      const chief = await memberByEmail("chief@metro.example");
      const promoted = await t.graphql(SET_ROLES, {
        token: admin,
        variables: { memberId: chief.id, expectedVersion: chief.version, roles: ["CHIEF", "AGENCY_ADMIN", "CHIEF"] },
      });
      expect(promoted.data).toEqual({
        setMemberRoles: { member: { roles: ["CHIEF", "AGENCY_ADMIN"], version: chief.version + 1 } },
      });
      const self = await memberByEmail("agency_admin@metro.example");
      const stepDown = await t.graphql(SET_ROLES, {
        token: admin,
        variables: { memberId: self.id, expectedVersion: self.version, roles: ["MEMBER"] },
      });
      expect(stepDown.errors).toBeUndefined();
      const audit = await t.database.prisma.auditEvent.findFirst({
        where: { action: "member.set-roles", entityId: await rawId("agency_admin@metro.example") },
      });
      expect(audit).toMatchObject({ before: { roles: ["AGENCY_ADMIN"] }, after: { roles: ["MEMBER"] } });
      // The admin's token no longer grants AGENCY_ADMIN: the member's roles cap every token.
      const refused = await t.graphql(INVITE, {
        token: admin,
        variables: { input: { email: "late@metro.example", name: "Too Late" } },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const restored = await t.graphql(SET_ROLES, {
        token: await t.tokenFor("metro", "CHIEF"),
        variables: { memberId: self.id, expectedVersion: self.version + 1, roles: ["AGENCY_ADMIN"] },
      });
      expect(restored.errors).toBeUndefined();
    });

    it("shuts a disabled member out at once, by token and by API token, and lets them back in", async () => {
      const email = "maria.hernandez@metro.example";
      const jwt = await t.tokenFor("metro", "MEMBER", { email });
      const made = await t.graphql<{ createApiToken: { token: string } }>(
        `mutation { createApiToken(input: { name: "Field tablet" }) { token } }`,
        { token: jwt },
      );
      const apiToken = made.data!.createApiToken.token;
      expect((await t.graphql(VIEWER, { token: apiToken })).data).toMatchObject({ viewer: { authenticated: true } });
      const { id } = await memberByEmail(email);
      const disabled = await t.graphql(DISABLE, { token: admin, variables: { memberId: id } });
      expect(disabled.data).toMatchObject({ disableMember: { member: { disabled: true } } });
      for (const token of [jwt, apiToken]) {
        expect((await t.graphql(VIEWER, { token })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      }
      const listed = await t.graphql<{ members: { totalCount: number } }>(
        `{ members(filter: { search: "maria.hernandez" }) { totalCount } }`,
        {
          token: admin,
        },
      );
      expect(listed.data!.members.totalCount).toBe(0);
      await t.graphql(ENABLE, { token: admin, variables: { memberId: id } });
      expect((await t.graphql(VIEWER, { token: apiToken })).data).toMatchObject({ viewer: { authenticated: true } });
      const actions = (await t.database.prisma.auditEvent.findMany({ where: { entityId: await rawId(email) } })).map(
        (e) => e.action,
      );
      expect(actions).toEqual(expect.arrayContaining(["member.disable", "member.enable"]));
    });

    it("updates a member's details with optimistic concurrency", async () => {
      const member = await memberByEmail("tuan.nguyen@metro.example");
      const updated = await t.graphql(UPDATE_MEMBER, {
        token: admin,
        variables: {
          input: {
            id: member.id,
            expectedVersion: member.version,
            rank: "Senior Deputy",
            languages: ["en", "vi", "fr"],
            unitId: units.get("Valley Station"),
          },
        },
      });
      expect(updated.data).toEqual({
        updateMember: {
          member: {
            id: member.id,
            rank: "Senior Deputy",
            languages: ["en", "vi", "fr"],
            version: member.version + 1,
            unit: { name: "Valley Station" },
          },
        },
      });
      const stale = await t.graphql(UPDATE_MEMBER, {
        token: admin,
        variables: { input: { id: member.id, expectedVersion: member.version, rank: "X" } },
      });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: member.version + 1 });
      const foreign = await t.graphql(UPDATE_MEMBER, {
        token: admin,
        variables: { input: { id: member.id, expectedVersion: 2, unitId: lakeviewUnitId } },
      });
      expect(foreign.errors?.[0]?.message).toBe("input.unitId: no such record");
      const otherAgency = await t.graphql(SET_ROLES, {
        token: admin,
        variables: { memberId: lakeviewMemberId, expectedVersion: 1, roles: ["MEMBER"] },
      });
      expect(otherAgency.errors?.[0]).toMatchObject({ message: "memberId: no such record", extensions: { code: "NOT_FOUND" } });
    });

    it("lets any member find colleagues by unit, role, kind, language and name", async () => {
      const member = await t.tokenFor("metro", "MEMBER");
      const query = `query ($filter: MemberFilter) { members(first: 50, filter: $filter) { totalCount edges { node { name } } } }`;
      const names = async (filter: object) => {
        const response = await t.graphql<{ members: Edges<{ name: string }> }>(query, { token: member, variables: { filter } });
        expect(response.errors).toBeUndefined();
        return response.data!.members.edges.map(({ node }) => node.name);
      };
      expect(await names({ language: "ko" })).toEqual(["Daniel Kim"]);
      expect(await names({ roles: ["UNIT_COMMANDER"] })).toEqual(["Ani Petrosyan", "Marcus Reyes", "Morgan Commander"]);
      expect(await names({ unitId: units.get("Harbor Station"), kind: "PROFESSIONAL" })).toEqual(["Mei Chen"]);
      expect(await names({ search: "HALE" })).toEqual([]);
      expect(await names({ search: "HALE", includeDisabled: true })).toEqual(["Robert Hale"]);
    });

    it("refuses member and unit administration to commanders, coordinators and members", async () => {
      const before = await count("member");
      for (const role of ["UNIT_COMMANDER", "COORDINATOR", "MEMBER"] as const) {
        const token = await t.tokenFor("metro", role);
        const invite = await t.graphql(INVITE, { token, variables: { input: { email: `x-${role}@metro.example`, name: "X" } } });
        expect(invite.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        const unit = await t.graphql(CREATE_UNIT, { token, variables: { input: { name: `X ${role}`, kind: "UNIT" } } });
        expect(unit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      }
      expect(await count("member")).toBe(before);
    });
  });

  async function rawId(email: string): Promise<string> {
    return (await t.database.prisma.member.findFirstOrThrow({ where: { email } })).id;
  }
});
