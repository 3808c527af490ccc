import { randomUUID } from "node:crypto";
import {
  type GraphQLInputType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import type { SeededRandom } from "./seeded-random.ts";

/** Global IDs (`base64("Type:uuid")`) the fuzzer may pass, by type: the caller's agency's and the other agency's. */
export interface IdPools {
  own: Map<string, string[]>;
  foreign: Map<string, string[]>;
  /** Members whose tokens the fuzzer uses: never disabled or demoted by it, or later runs would only see UNAUTHENTICATED. */
  protectedIds: Set<string>;
}

export const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString("base64");

/** A Pothos Prisma cursor for a row id (`GPC:` + tagged string chunk), e.g. one minted for the other agency. */
const cursorFor = (id: string) => Buffer.from(`GPC:S:${id}`).toString("base64");

/** Strings an attacker (or a careless client) sends: injections, odd Unicode, sizes, look-alikes. */
const ODD_STRINGS = [
  "",
  " ",
  "a",
  "' OR 1=1 --",
  "%",
  "_",
  "\\",
  '"; DROP TABLE "Member"; --',
  "<script>alert(1)</script>",
  // A log4j-style lookup, written so that it is not mistaken for a template placeholder.
  ["$", "{jndi:ldap://x}"].join(""),
  "{{7*7}}",
  "../../etc/passwd",
  "Ω≈ç√∫˜µ≤≥÷",
  "😀👮‍♀️🏳️‍🌈",
  "\u0000",
  "\u202eevil",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  '{"$ne":null}',
  "x".repeat(300),
  "y".repeat(5000),
];

const LANGUAGE_TAGS = ["es", "en", "vi", "ko", "zh-Hant", "en-US", "xx", "toolong-languagetag-value", "EN", ""];
const EMAILS = ["fuzz@example.org", "chief@metro.example", "not-an-email", "a@b", `${"e".repeat(250)}@example.org`];
const SLUGS = ["metro", "lakeview", "no-such-agency", "", "METRO", "metro ", "lake%"];
const INTS = [0, 1, -1, 2, 3, 5, 10, 99, 100, 101, 1000, 2147483647, -2147483648];
const FLOATS = [0, -1, 0.5, 1.5, 99.9, 1e308, -1e308, 3.4028235e38, 5e-324];
const DATES = ["2026-01-15", "2026-03-01", "2025-12-31", "1900-01-01", "9999-12-31", "2026-02-30", "2026-1-1", "yesterday", ""];
const DATE_TIMES = [
  "2026-01-15T18:00:00.000Z",
  "2026-06-01T09:30:00Z",
  "2025-12-31T23:59:59.999Z",
  "1970-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "0000-01-01T00:00:00Z",
  "275760-09-13T00:00:00.000Z",
  "2026-02-30T00:00:00Z",
  "2026-01-15",
  "not a date",
];
const CSV_SNIPPETS = [
  "indicator,unit,period_start,period_end,value\nnoise-complaints,HQ,2026-01-01,2026-01-31,12",
  "email,name,kind,rank,unit,roles,languages\nfuzz@example.org,Fuzz Person,SWORN,,HQ,MEMBER,es",
  "email,name,kind,rank,unit,roles,languages\nchief@metro.example,Taken Over,SWORN,,HQ,AGENCY_ADMIN,",
  "a,b,c\n1,2",
  '"unterminated,quote\n',
  "",
];
/** Not well-formed as IDs of any kind. */
const MALFORMED_IDS = [
  "",
  "1",
  "not base64 !!",
  Buffer.from("Stakeholder:not-a-uuid").toString("base64"),
  Buffer.from("NoSuchType:00000000-0000-0000-0000-000000000000").toString("base64"),
  "00000000-0000-0000-0000-000000000000",
  "A".repeat(10_000),
  "' OR 1=1 --",
];

/** Which node type an ID argument most likely names, from its name (`stakeholderIds` -> Stakeholder). */
const ID_NAME_TYPES: Record<string, string> = {
  unit: "OrgUnit",
  area: "OrgUnit",
  parent: "OrgUnit",
  member: "Member",
  participant: "Member",
  interpreterMember: "Member",
  commander: "Member",
  owner: "Member",
  assignee: "Member",
  strategy: "EngagementStrategy",
  stakeholder: "Stakeholder",
  activity: "Activity",
  feedback: "Feedback",
  priority: "Priority",
  plan: "Plan",
  revision: "PlanRevision",
  problem: "Problem",
  response: "ProblemResponse",
  survey: "Survey",
  question: "SurveyQuestion",
  report: "Report",
  course: "TrainingCourse",
  indicator: "Indicator",
  followUp: "ActivityFollowUp",
  contact: "StakeholderContact",
};

/** Plausible values a well-meaning client sends: they get past validation and reach the resolvers' real work. */
const PLAIN_INTS = [1, 2, 3, 5, 10, 20];
const PLAIN_DATES = ["2026-01-15", "2026-03-01", "2025-07-01"];
const PLAIN_DATE_TIMES = ["2026-01-15T18:00:00.000Z", "2026-06-01T09:30:00Z", "2027-02-01T17:00:00Z"];

/**
 * Produces argument values for any input type of the schema. A hostile operation's values
 * are mostly well-typed but hostile (the other agency's IDs, IDs of the wrong type, extreme
 * numbers, odd strings), sometimes of the wrong type altogether or with extra fields (mass
 * assignment); a plain one's look like a careful client's, so that operations also get past
 * validation and change state that later operations then meet.
 */
export class ArgumentValues {
  constructor(
    private readonly random: SeededRandom,
    private readonly ids: IdPools,
    private readonly hostile = true,
  ) {}

  /** A value for `type`; `name` is the argument or input field it goes to, `owner` the input type holding it. */
  valueFor(type: GraphQLInputType, name: string, owner = "", depth = 0): unknown {
    if (this.hostile && this.random.chance(0.01)) return this.wrongType();
    if (!isNonNullType(type) && this.random.chance(this.hostile ? 0.08 : 0.02)) return null;
    const inner = getNullableType(type) as GraphQLInputType;
    if (isListType(inner)) {
      const count = this.hostile && this.random.chance(0.05) ? 60 : this.random.below(4);
      return Array.from({ length: count }, () => this.valueFor(inner.ofType, name, owner, depth + 1));
    }
    if (isEnumType(inner)) {
      return this.hostile && this.random.chance(0.04) ? "NOT_A_VALUE" : this.random.pick(inner.getValues()).value;
    }
    if (isInputObjectType(inner)) {
      if (depth > 4) return {};
      const value: Record<string, unknown> = {};
      for (const field of Object.values(inner.getFields())) {
        if (isNonNullType(field.type) || this.random.chance(0.6)) {
          value[field.name] = this.valueFor(field.type, field.name, inner.name, depth + 1);
        }
      }
      // Mass assignment (IV-05): server-managed fields the input type does not declare.
      if (this.hostile && this.random.chance(0.03)) value.agencyId = this.foreignId();
      return value;
    }
    if (isScalarType(inner)) return this.scalar(inner.name, name, owner);
    return null;
  }

  private scalar(scalar: string, name: string, owner: string): unknown {
    const random = this.random;
    if (!this.hostile) return this.plainScalar(scalar, name, owner);
    switch (scalar) {
      case "ID":
        return this.id(name, owner);
      case "Int":
        return random.chance(0.8) ? random.pick(INTS) : random.below(50);
      case "Float":
        return random.pick(FLOATS);
      case "Boolean":
        return random.chance(0.5);
      case "Date":
        return random.pick(DATES);
      case "DateTime":
        return random.pick(DATE_TIMES);
      case "JSON":
        return this.json();
      default:
        return this.string(name);
    }
  }

  private plainScalar(scalar: string, name: string, owner: string): unknown {
    const random = this.random;
    switch (scalar) {
      case "ID":
        return this.ownId(this.guessType(name, owner));
      case "Int":
        return random.pick(PLAIN_INTS);
      case "Float":
        return random.pick([1, 2.5, 10]);
      case "Boolean":
        return random.chance(0.5);
      case "Date":
        return random.pick(PLAIN_DATES);
      case "DateTime":
        return random.pick(PLAIN_DATE_TIMES);
      case "JSON":
        return {};
      default: {
        const lower = name.toLowerCase();
        if (lower.includes("email")) return `fuzz-${random.below(100_000)}@example.org`;
        if (lower.includes("language")) return random.pick(["es", "vi", "ko"]);
        if (lower.includes("slug")) return "metro";
        if (lower.includes("csv")) return random.pick(CSV_SNIPPETS.slice(0, 2));
        if (lower === "after" || lower === "before") return this.string(name);
        return `Fuzz ${name} ${random.below(100_000)}`;
      }
    }
  }

  private string(name: string): string {
    const random = this.random;
    const lower = name.toLowerCase();
    if (lower.includes("email") && random.chance(0.7)) return random.pick(EMAILS);
    if ((lower.includes("language") || lower === "languages") && random.chance(0.7)) return random.pick(LANGUAGE_TAGS);
    if (lower.includes("slug") && random.chance(0.8)) return random.pick(SLUGS);
    if (lower.includes("csv") && random.chance(0.8)) return random.pick(CSV_SNIPPETS);
    if ((lower === "after" || lower === "before" || lower.includes("cursor")) && random.chance(0.7)) {
      const pool = random.chance(0.5) ? this.ids.foreign : this.ids.own;
      const ids = [...pool.values()].flat();
      return ids.length > 0 ? cursorFor(Buffer.from(random.pick(ids), "base64").toString().split(":")[1] ?? "") : "bad";
    }
    return random.chance(0.5) ? `Fuzz ${random.below(100_000)}` : random.pick(ODD_STRINGS);
  }

  private id(name: string, owner: string): string {
    const random = this.random;
    const roll = random.next();
    const typename = this.guessType(name, owner);
    if (roll < 0.35) return this.foreignId(typename);
    if (roll < 0.7) return this.ownId(typename);
    if (roll < 0.8) return this.ownId(random.pick([...this.ids.own.keys()]));
    if (roll < 0.9) return globalId(typename ?? "Stakeholder", randomUUID());
    return random.pick(MALFORMED_IDS);
  }

  private ownId(typename: string | undefined): string {
    const pool = (typename && this.ids.own.get(typename)) || this.random.pick([...this.ids.own.values()]);
    const usable = pool.filter((id) => !this.ids.protectedIds.has(id));
    return usable.length > 0 ? this.random.pick(usable) : globalId(typename ?? "Member", randomUUID());
  }

  private foreignId(typename?: string): string {
    const pool = (typename && this.ids.foreign.get(typename)) || this.random.pick([...this.ids.foreign.values()]);
    return pool.length > 0 ? this.random.pick(pool) : globalId(typename ?? "Member", randomUUID());
  }

  private guessType(name: string, owner: string): string | undefined {
    const stem = name.replace(/Ids?$/, "");
    if (stem === "id" || stem === "") {
      // `UpdateStakeholderInput.id` -> Stakeholder; `closeSurvey(id)` has no owner: any type.
      const subject = owner.replace(/Input$/, "").replace(/^(Update|Set|Close|Complete|Remove|Submit|Approve|Return)/, "");
      return this.ids.own.has(subject) ? subject : undefined;
    }
    const named = stem.charAt(0).toUpperCase() + stem.slice(1);
    return ID_NAME_TYPES[stem] ?? (this.ids.own.has(named) ? named : undefined);
  }

  private json(): unknown {
    const random = this.random;
    const nested = (depth: number): unknown => (depth === 0 ? "bottom" : { next: nested(depth - 1) });
    return random.pick<() => unknown>([
      () => ({}),
      () => [],
      () => ({ enabled: true }),
      () => ({ reviewEveryMonths: random.pick(INTS), stakeholderKinds: ["CHURCH"] }),
      () => ({ ["__proto__"]: { polluted: true } }),
      () => nested(60),
      () => Array.from({ length: 2000 }, (_, index) => index),
      () => random.pick(ODD_STRINGS),
      () => random.pick(INTS),
    ])();
  }

  /** A JSON value of some other type than the variable declares: coercion must refuse it. */
  private wrongType(): unknown {
    return this.random.pick<unknown>(["string", 12, 2147483648, 1.5, true, { nested: "object" }, ["list"], -0, "Infinity"]);
  }
}
