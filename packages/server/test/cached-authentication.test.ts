import type { Principal } from "@roundtable/core";
import { describe, expect, it } from "vitest";
import { CachedAuthentication } from "../src/response-cache/cached-authentication.ts";

const member: Principal = {
  kind: "member",
  agencyId: "agency-1",
  agencySlug: "a",
  memberId: "member-1",
  email: "",
  roles: ["CHIEF"],
  via: "jwt",
};

/** A sign-in that answers only when told to, and counts how often it was asked. */
function heldSignIn() {
  const waiting: { resolve: (principal: Principal) => void; reject: (error: Error) => void }[] = [];
  const signIn = {
    calls: 0,
    authenticate: (_authorization: string | null | undefined) => {
      signIn.calls += 1;
      return new Promise<Principal>((resolve, reject) => waiting.push({ resolve, reject }));
    },
    answerAll: (principal: Principal) => {
      for (const call of waiting.splice(0)) call.resolve(principal);
    },
    refuseAll: (error: Error) => {
      for (const call of waiting.splice(0)) call.reject(error);
    },
  };
  return signIn;
}

describe("remembered sign-ins", () => {
  it("checks identical sign-ins arriving together once, and remembers the answer", async () => {
    const signIn = heldSignIn();
    const cache = new CachedAuthentication(signIn.authenticate, 60_000);
    const together = Array.from({ length: 50 }, () => cache.lookup("Bearer screen"));
    signIn.answerAll(member);
    expect(await Promise.all(together)).toEqual(Array(50).fill(member));
    expect(signIn.calls).toBe(1);

    await cache.lookup("Bearer screen");
    expect(signIn.calls).toBe(1);
    // Another token is another check.
    const other = cache.lookup("Bearer other");
    signIn.answerAll(member);
    await other;
    expect(signIn.calls).toBe(2);
  });

  it("hands a refusal to every caller that shared the check, and never remembers it", async () => {
    const signIn = heldSignIn();
    const cache = new CachedAuthentication(signIn.authenticate, 60_000);
    const together = [cache.lookup("Bearer forged"), cache.lookup("Bearer forged")];
    signIn.refuseAll(new Error("refused"));
    for (const outcome of await Promise.allSettled(together)) expect(outcome.status).toBe("rejected");
    expect(signIn.calls).toBe(1);

    const again = cache.lookup("Bearer forged");
    signIn.refuseAll(new Error("refused"));
    await expect(again).rejects.toThrow("refused");
    expect(signIn.calls).toBe(2);
  });

  it("neither shares nor remembers a check that was running when the agency changed", async () => {
    const signIn = heldSignIn();
    const cache = new CachedAuthentication(signIn.authenticate, 60_000);
    const before = cache.lookup("Bearer screen");
    cache.invalidateAgency("agency-1");
    // Asked after the change: a check of its own, not the one that may have read the old member.
    const after = cache.lookup("Bearer screen");
    expect(signIn.calls).toBe(2);
    signIn.answerAll(member);
    await Promise.all([before, after]);

    // The check begun after the change is remembered; the one begun before was not kept over it.
    await cache.lookup("Bearer screen");
    expect(signIn.calls).toBe(2);
  });

  it("does not keep a check begun before a change even when it ends after every later one", async () => {
    const signIn = heldSignIn();
    const cache = new CachedAuthentication(signIn.authenticate, 60_000);
    const before = cache.lookup("Bearer screen");
    cache.invalidateAgency("agency-1");
    signIn.answerAll(member);
    await before;

    const next = cache.lookup("Bearer screen");
    expect(signIn.calls).toBe(2);
    signIn.answerAll(member);
    await next;
  });

  it("forgets remembered sign-ins of the changed agency only", async () => {
    const signIn = heldSignIn();
    const cache = new CachedAuthentication(signIn.authenticate, 60_000);
    const elsewhere: Principal = { ...member, agencyId: "agency-2", memberId: "member-2" };
    const one = cache.lookup("Bearer one");
    signIn.answerAll(member);
    await one;
    const two = cache.lookup("Bearer two");
    signIn.answerAll(elsewhere);
    await two;
    cache.invalidateAgency("agency-1");

    expect(await cache.lookup("Bearer two")).toEqual(elsewhere);
    expect(signIn.calls).toBe(2);
    const oneAgain = cache.lookup("Bearer one");
    signIn.answerAll(member);
    await oneAgain;
    expect(signIn.calls).toBe(3);
  });
});
