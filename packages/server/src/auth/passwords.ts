import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { BordaError, ErrorCode } from "@borda/protocol";

/**
 * Password hashes: scrypt, encoded `scrypt$N$r$p$salt$hash` (salt and hash base64url), so
 * the cost can rise later while old hashes keep verifying. N=2^15, r=8 takes 32 MiB and
 * ~60 ms per hash on a 2-core CI machine: slow for a guesser, tolerable for a sign-in.
 */
const cost = { N: 2 ** 15, r: 8, p: 1 };
const saltBytes = 16;
const hashBytes = 32;
/** Most memory (128·N·r) a stored hash may ask for, so a corrupt row cannot exhaust it. */
const maxMemory = 256 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  if (password === "") {
    throw new BordaError(ErrorCode.invalidInput, "A password may not be empty.");
  }
  const salt = randomBytes(saltBytes);
  const hash = await derive(password, salt, hashBytes, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), hash.toString("base64url")]
    .map(String)
    .join("$");
}

/** Whether `password` is the one `encoded` was made from; false for a malformed `encoded`. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, ...rest] = encoded.split("$");
  if (scheme !== "scrypt" || salt === undefined || hash === undefined || rest.length > 0) {
    return false;
  }
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (
    !Object.values(params).every((v) => Number.isInteger(v) && v > 0) ||
    128 * params.N * params.r > maxMemory ||
    params.p > 16
  ) {
    return false;
  }
  const expected = Buffer.from(hash, "base64url");
  if (expected.length === 0) return false;
  try {
    const presented = await derive(
      password,
      Buffer.from(salt, "base64url"),
      expected.length,
      params,
    );
    return timingSafeEqual(presented, expected);
  } catch {
    return false; // parameters scrypt refuses (N not a power of two, ...)
  }
}

function derive(
  password: string,
  salt: Buffer,
  length: number,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is just short of N=2^15, r=8.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}
