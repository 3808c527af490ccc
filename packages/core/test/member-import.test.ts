import { createTestApp, type TestApp } from "@roundtable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMemberCsv } from "../src/domain/member-csv.ts";

const IMPORT = `mutation ($csv: String!) { importMembers(csv: $csv) { imported } }`;

type ImportError = { message: string; extensions?: { code?: string; rows?: { line: number; message: string }[] } };

describe("reading a member CSV", () => {
  it("reads quoted fields, lists separated by semicolons, and any column order", () => {
    const csv = [
      "Name,Email,Kind,Roles,Languages,Unit,Rank",
      '"Chen, Mei",M.Chen@metro.example,professional,member;coordinator,en; zh,HS,"Community Services Officer"',
    ].join("\r\n");
    expect(parseMemberCsv(csv)).toEqual({
      problems: [],
      rows: [
        {
          line: 2,
          email: "m.chen@metro.example",
          name: "Chen, Mei",
          kind: "PROFESSIONAL",
          rank: "Community Services Officer",
          unit: "HS",
          roles: ["MEMBER", "COORDINATOR"],
          languages: ["en", "zh"],
        },
      ],
    });
  });

  it("numbers lines as an editor does, counting blank lines and line breaks inside quotes", () => {
    const csv = 'email,name,kind\n\n"a@x.example","Two\nLines",SWORN\nnot-an-email,Bad,SWORN\n';
    const { problems } = parseMemberCsv(csv);
    expect(problems).toEqual([{ line: 5, message: "email: must be an email address" }]);
  });

  it("flags a header without the required columns, or with unknown ones", () => {
    expect(parseMemberCsv("email,fullname\nx@y.example,X").problems).toEqual([
      {
        line: 1,
        message:
          'unknown column "fullname"; missing column name, kind; the columns are email,name,kind,rank,unit,roles,languages',
      },
    ]);
    expect(parseMemberCsv("").problems[0]).toMatchObject({ line: 1 });
    expect(parseMemberCsv("email,name,kind\n").problems).toEqual([{ line: 2, message: "the file lists no members" }]);
  });
});

describe("importing members", () => {
  let t: TestApp;
  let admin: string;
  const metroMembers = () => t.database.prisma.member.count({ where: { agency: { slug: "metro" } } });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor("metro", "AGENCY_ADMIN");
  });
  afterAll(() => t.close());

  it("reports every bad line with its number and reason, and imports no one", async () => {
    const before = await metroMembers();
    const csv = [
      "email,name,kind,rank,unit,roles,languages",
      "good.one@metro.example,Good One,SWORN,Deputy,ES,MEMBER,en",
      "not-an-email,,SWORN,,,,",
      "third@metro.example,Third,DEPUTY,,Atlantis Station,MEMBER;SHERIFF,english!",
      "good.one@metro.example,Good Again,SWORN,,,,",
      "riley@metro.example,Riley,SWORN,,,,",
      "member@metro.example,Already Here,SWORN,,,,",
      "short@metro.example,Short",
    ].join("\n");
    const response = await t.graphql(IMPORT, { token: admin, variables: { csv } });
    const error = response.errors?.[0] as ImportError | undefined;
    expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error?.extensions?.rows).toEqual([
      { line: 3, message: "email: must be an email address; name: must not be empty" },
      {
        line: 4,
        message:
          'kind: must be SWORN or PROFESSIONAL; roles: unknown role SHERIFF; languages: english! is not a language tag such as "es" or "zh-Hant"',
      },
      { line: 5, message: "email: also on line 2" },
      { line: 7, message: "email: already a member of the agency" },
      { line: 8, message: "has 2 fields, the header has 7" },
    ]);
    expect(error?.message).toMatch(/^csv: 5 lines need fixing, nothing was imported: line 3: email: must be an email address/);
    expect(error?.message).toMatch(/line 7: email: already a member of the agency/);
    expect(await metroMembers()).toBe(before);
    expect(await t.database.prisma.member.count({ where: { email: "good.one@metro.example" } })).toBe(0);
    expect(await t.database.prisma.auditEvent.count({ where: { action: "member.import" } })).toBe(0);
  });

  it("reports a unit that matches nothing, and a role only the platform operator may grant", async () => {
    const csv = ["email,name,kind,unit,roles", "x@metro.example,X,SWORN,Lakeview Patrol,PLATFORM_OPERATOR"].join("\n");
    const response = await t.graphql(IMPORT, { token: admin, variables: { csv } });
    expect(response.errors?.[0]?.extensions?.rows).toEqual([
      {
        line: 2,
        message: "roles: only a platform operator may grant PLATFORM_OPERATOR; unit: no unit is named or coded Lakeview Patrol",
      },
    ]);
  });

  it("imports a clean file with units by code or name, and audits it without names or emails", async () => {
    const before = await metroMembers();
    const csv = [
      "email,name,kind,rank,unit,roles,languages",
      "Jose.Alvarez@metro.example,José Álvarez,SWORN,Deputy,ES,MEMBER,en;es",
      '"nguyen.lan@metro.example","Nguyen, Lan",PROFESSIONAL,Crime Analyst,Harbor Station,,en;vi',
      "",
      "kwon.ji@metro.example,Ji-woo Kwon,sworn,Sergeant,VS,member;unit_commander,en;ko",
    ].join("\n");
    const response = await t.graphql(IMPORT, { token: admin, variables: { csv } });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ importMembers: { imported: 3 } });
    expect(await metroMembers()).toBe(before + 3);
    const listed = await t.graphql<{
      members: { edges: { node: { name: string; email: string; roles: string[]; unit: { name: string } } }[] };
    }>(
      `{ members(filter: { search: "metro.example", language: "ko" }, first: 50) { edges { node { name email roles unit { name } } } } }`,
      { token: admin },
    );
    expect(listed.data!.members.edges.map(({ node }) => node)).toContainEqual({
      name: "Ji-woo Kwon",
      email: "kwon.ji@metro.example",
      roles: ["MEMBER", "UNIT_COMMANDER"],
      unit: { name: "Valley Station" },
    });
    const alvarez = await t.database.prisma.member.findFirstOrThrow({
      where: { email: "jose.alvarez@metro.example" },
      include: { unit: true },
    });
    expect(alvarez).toMatchObject({
      name: "José Álvarez",
      unit: { name: "Eastside Station" },
      roles: ["MEMBER"],
      languages: ["en", "es"],
    });
    const audit = await t.database.prisma.auditEvent.findFirstOrThrow({ where: { action: "member.import" } });
    expect(audit).toMatchObject({ entityType: "Member", actorRoles: ["AGENCY_ADMIN"], after: { imported: 3 } });
    expect(JSON.stringify(audit)).not.toMatch(/alvarez|nguyen|kwon/i);
  });

  it("refuses members and coordinators (FORBIDDEN) and the public (UNAUTHENTICATED)", async () => {
    const before = await metroMembers();
    const csv = "email,name,kind\nsomeone@metro.example,Someone,SWORN";
    for (const role of ["MEMBER", "COORDINATOR"] as const) {
      const refused = await t.graphql(IMPORT, { token: await t.tokenFor("metro", role), variables: { csv } });
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect((await t.graphql(IMPORT, { variables: { csv } })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await metroMembers()).toBe(before);
  });
});
