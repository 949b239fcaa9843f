import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Store } from "../store/index.js";
import { verifyPassword } from "./passwords.js";
import type { UserAuth } from "./users.js";

export interface StandaloneAdmin {
  username: string;
  /** Null when it cannot be shown: set by BORDA_ADMIN_PASSWORD, or changed since. */
  password: string | null;
  /** `${home}/standalone_admin_password`, where a generated password is kept. */
  file: string;
}

/**
 * The admin of `borda standalone`, so a first start needs no set-up: when the user does
 * not exist yet, it is made an Admin with a generated password, which is kept in
 * `${home}/standalone_admin_password` (readable by its owner only) for the banner of this
 * and later starts. A kept password is shown only while it still signs in.
 */
export async function standaloneAdmin(options: {
  store: Store;
  userAuth: UserAuth;
  home: string;
  username: string;
}): Promise<StandaloneAdmin> {
  const { store, userAuth, home, username } = options;
  const file = path.join(home, "standalone_admin_password");
  if (!(await store.getUser(username))) {
    // 24 characters of base64url: 144 random bits.
    const password = randomBytes(18).toString("base64url");
    // Kept before the user exists, so a crash in between cannot lose the password.
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    if (await userAuth.ensureAdmin({ username, password })) return { username, password, file };
  }
  const user = await store.getUser(username);
  if (user && existsSync(file)) {
    const password = readFileSync(file, "utf8").trim();
    if (await verifyPassword(password, user.passwordHash)) return { username, password, file };
  }
  return { username, password: null, file };
}
