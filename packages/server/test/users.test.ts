import { BordaError } from "@borda/protocol";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../src/auth/passwords.js";
import { Role, requireRole } from "../src/auth/roles.js";
import { UserAuth } from "../src/auth/users.js";
import type { Store } from "../src/store/index.js";
import { describeEachBackend } from "./support/backends.js";
import { ManualClock } from "./support/harness.js";

const signIn = /^Sign in: send HTTP Basic credentials of a Borda user/;

function basic(credentials: string): string {
  return `Basic ${Buffer.from(credentials).toString("base64")}`;
}

async function addUser(store: Store, username: string, password: string, role: Role = Role.user) {
  return store.createUser(
    { username, role, passwordHash: await hashPassword(password) },
    new Date(),
  );
}

/** The error `promise` rejects with, for asserting its code, message and details. */
async function failure(promise: Promise<unknown>): Promise<BordaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BordaError)) throw new Error(`expected a BordaError, got ${error}`);
  return error;
}

describe("passwords", () => {
  it("hash with a fresh salt each time, and verify only the right password", async () => {
    const first = await hashPassword("correct horse");
    const second = await hashPassword("correct horse");
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword("correct horse", first)).toBe(true);
    expect(await verifyPassword("correct horse", second)).toBe(true);
    expect(await verifyPassword("correct hors", first)).toBe(false);
    expect(await verifyPassword("", first)).toBe(false);
    expect(await verifyPassword("correct horse", "scrypt$3$8$1$c2FsdA$aGFzaA")).toBe(false);
    expect(await verifyPassword("correct horse", "not a hash")).toBe(false);
  });
});

describe("roles", () => {
  it("rank Viewer < User < Op < Admin, and refuse below the minimum naming the role needed", () => {
    const order = [Role.viewer, Role.user, Role.op, Role.admin];
    for (const [i, role] of order.entries()) {
      for (const [j, minimum] of order.entries()) {
        const check = () => requireRole({ username: "ann", role }, minimum);
        if (i >= j) expect(check).not.toThrow();
        else
          expect(check).toThrow(
            expect.objectContaining({
              code: "forbidden",
              message: expect.stringContaining(`needs the ${minimum} role`),
            }),
          );
      }
    }
  });
});

describeEachBackend("users", (backend) => {
  it("are created once, listed without their hashes, and deleted", async () => {
    const { store } = await backend.open();
    const created = await addUser(store, "ann", "pw-ann", Role.op);
    expect(created).toEqual({
      username: "ann",
      role: "Op",
      createdAt: expect.any(Date),
      lastLoginAt: null,
    });
    const duplicate = await failure(addUser(store, "ann", "other"));
    expect(duplicate.code).toBe("conflict");
    expect((await failure(addUser(store, "a:b", "pw"))).code).toBe("invalid_input");
    await addUser(store, "bob", "pw-bob");
    const listed = await store.listUsers();
    expect(listed.map((u) => [u.username, u.role])).toEqual([
      ["ann", "Op"],
      ["bob", "User"],
    ]);
    expect(listed[0]).toEqual(created);
    expect(await store.deleteUser("ann")).toBe(true);
    expect(await store.deleteUser("ann")).toBe(false);
    expect(await store.getUser("ann")).toBeNull();
  });

  it("sign in with the right Basic credentials, stamping the last login", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock();
    const auth = new UserAuth({ store, clock });
    await addUser(store, "ann", "pa:ss wörd", Role.viewer);
    const user = await auth.authenticate(basic("ann:pa:ss wörd"));
    expect(user).toEqual({
      username: "ann",
      role: "Viewer",
      createdAt: expect.any(Date),
      lastLoginAt: clock.now(),
    });
    expect(user).not.toHaveProperty("passwordHash");
    expect((await store.getUser("ann"))?.lastLoginAt).toEqual(clock.now());
  });

  it("refuse missing, malformed, unknown-user and wrong-password credentials alike", async () => {
    const { store } = await backend.open();
    const auth = new UserAuth({ store, clock: new ManualClock() });
    await addUser(store, "ann", "pw-ann");
    for (const header of [
      undefined,
      "",
      "Bearer abc",
      "Basic",
      "Basic !!!",
      basic("no colon"),
      basic(":pw-ann"),
      basic("nobody:pw-ann"),
      basic("ann:wrong"),
      basic("ann:"),
    ]) {
      const error = await failure(auth.authenticate(header));
      expect(error.code).toBe("unauthenticated");
      expect(error.message).toMatch(signIn);
    }
    expect((await store.getUser("ann"))?.failedLogins).toBe(2);
  });

  it("lock a user after 5 consecutive failures, for a doubling time, even against the right password", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock();
    const auth = new UserAuth({ store, clock });
    await addUser(store, "ann", "pw-ann");
    for (let i = 0; i < 5; i++) {
      expect((await failure(auth.authenticate(basic("ann:guess")))).message).toMatch(signIn);
    }
    const locked = await failure(auth.authenticate(basic("ann:pw-ann")));
    expect(locked.code).toBe("unauthenticated");
    expect(locked.message).toMatch(/wait 1 seconds/);
    expect(locked.details).toEqual({ retryAfterSeconds: 1 });

    clock.advance(1000);
    await failure(auth.authenticate(basic("ann:guess"))); // the sixth: 2 s
    clock.advance(1000);
    expect((await failure(auth.authenticate(basic("ann:pw-ann")))).message).toMatch(/wait 1 /);
    clock.advance(1000);
    await failure(auth.authenticate(basic("ann:guess"))); // the seventh: 4 s
    expect((await failure(auth.authenticate(basic("ann:pw-ann")))).message).toMatch(/wait 4 /);

    clock.advance(4000);
    expect((await auth.authenticate(basic("ann:pw-ann"))).username).toBe("ann");
    const reset = await store.getUser("ann");
    expect(reset).toMatchObject({ failedLogins: 0, lockedUntil: null });
    for (let i = 0; i < 4; i++) await failure(auth.authenticate(basic("ann:guess")));
    expect((await auth.authenticate(basic("ann:pw-ann"))).username).toBe("ann");
  });

  it("caps the lock at 5 minutes", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock();
    const auth = new UserAuth({ store, clock });
    await addUser(store, "ann", "pw-ann");
    let lockedUntil: Date | null | undefined = null;
    for (let i = 0; i < 20; i++) {
      if (lockedUntil) clock.set(lockedUntil); // each guess as soon as the lock ends
      expect((await failure(auth.authenticate(basic("ann:guess")))).message).toMatch(signIn);
      lockedUntil = (await store.getUser("ann"))?.lockedUntil;
    }
    expect(lockedUntil?.getTime()).toBe(clock.now().getTime() + 5 * 60_000);
  });

  it("let no deleted user or replaced password keep signing in", async () => {
    const { store } = await backend.open();
    const auth = new UserAuth({ store, clock: new ManualClock() });
    await addUser(store, "ann", "old-pw");
    await auth.authenticate(basic("ann:old-pw"));
    expect(await store.setUserPassword("ann", await hashPassword("new-pw"))).toBe(true);
    expect((await failure(auth.authenticate(basic("ann:old-pw")))).message).toMatch(signIn);
    await auth.authenticate(basic("ann:new-pw"));
    await store.deleteUser("ann");
    expect((await failure(auth.authenticate(basic("ann:new-pw")))).message).toMatch(signIn);
    await addUser(store, "ann", "other-pw");
    expect((await failure(auth.authenticate(basic("ann:new-pw")))).message).toMatch(signIn);
    expect(await store.setUserPassword("nobody", await hashPassword("pw"))).toBe(false);
  });

  it("setting a password lifts the lock", async () => {
    const { store } = await backend.open();
    const auth = new UserAuth({ store, clock: new ManualClock() });
    await addUser(store, "ann", "pw-ann");
    for (let i = 0; i < 5; i++) await failure(auth.authenticate(basic("ann:guess")));
    await store.setUserPassword("ann", await hashPassword("new-pw"));
    expect((await auth.authenticate(basic("ann:new-pw"))).username).toBe("ann");
  });

  it("ensureAdmin creates an Admin once and never overwrites an existing user", async () => {
    const { store } = await backend.open();
    const auth = new UserAuth({ store, clock: new ManualClock() });
    expect(await auth.ensureAdmin({ username: "admin", password: "first" })).toBe(true);
    expect((await auth.authenticate(basic("admin:first"))).role).toBe("Admin");
    expect(await auth.ensureAdmin({ username: "admin", password: "second" })).toBe(false);
    expect((await failure(auth.authenticate(basic("admin:second")))).message).toMatch(signIn);
    expect((await auth.authenticate(basic("admin:first"))).role).toBe("Admin");

    await addUser(store, "ops", "ops-pw", Role.op);
    expect(await auth.ensureAdmin({ username: "ops", password: "x" })).toBe(false);
    expect((await auth.authenticate(basic("ops:ops-pw"))).role).toBe("Op");
  });
});
