import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BordaError, ErrorCode } from "@borda/protocol";

/**
 * Encryption at rest of connections and variables: AES-256-GCM under a key from the
 * server's settings (BORDA_ENCRYPTION_KEYS), never from the database, so a copy of the
 * database alone reveals nothing.
 *
 * The setting is a comma-separated list: the first key encrypts, every key decrypts. A
 * sealed value names the key that sealed it (by an id derived from the key, which tells
 * nothing about it), so rotation is: put the new key first, keep the old one after it,
 * run `borda db rotate-encryption-key`, then drop the old key (docs/security.md).
 *
 * Each value is sealed together with what it belongs to (`connection:<id>`), as GCM's
 * additional data: a sealed value copied into another row does not open.
 */

/** Version tag of the sealed format: `b1.<key id>.<base64url(iv | ciphertext | tag)>`. */
const format = "b1";
const ivBytes = 12;
const tagBytes = 16;

interface Key {
  id: string;
  aes: Buffer;
}

export class EncryptionKeys {
  readonly #keys: Key[];

  /** `material`: the keys' texts, the one that encrypts first. */
  constructor(material: readonly string[]) {
    if (material.length === 0) {
      throw new BordaError(ErrorCode.configuration, "BORDA_ENCRYPTION_KEYS names no key.");
    }
    for (const text of material) {
      if (text.length < 32) {
        throw new BordaError(
          ErrorCode.configuration,
          "Each key in BORDA_ENCRYPTION_KEYS must be at least 32 characters; generate one with `openssl rand -hex 32`.",
        );
      }
    }
    this.#keys = material.map((text) => ({
      id: derive(text, "borda encryption key id", 6).toString("hex"),
      aes: derive(text, "borda connections and variables", 32),
    }));
  }

  /** The id of the key that encrypts now. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  seal(plaintext: string, belongsTo: string): string {
    const key = this.#current;
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv("aes-256-gcm", key.aes, iv);
    cipher.setAAD(Buffer.from(belongsTo, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    return `${format}.${key.id}.${sealed}`;
  }

  /** Throws a `configuration` error when no key opens it (the key it names is not set). */
  open(sealed: string, belongsTo: string): string {
    const [tag, keyId, payload] = sealed.split(".");
    const key = this.#keys.find((k) => k.id === keyId);
    if (tag !== format || payload === undefined || !key) {
      throw new BordaError(
        ErrorCode.configuration,
        `The value of ${belongsTo} was sealed with key ${keyId ?? "(unknown)"}, which is not in BORDA_ENCRYPTION_KEYS: add that key back (after the current one) to read it.`,
      );
    }
    const bytes = Buffer.from(payload, "base64url");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key.aes, bytes.subarray(0, ivBytes));
      decipher.setAAD(Buffer.from(belongsTo, "utf8"));
      decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
      const body = bytes.subarray(ivBytes, bytes.length - tagBytes);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch (error) {
      throw new BordaError(
        ErrorCode.configuration,
        `The stored value of ${belongsTo} does not authenticate under key ${keyId}: it was changed outside Borda, or copied from another row.`,
        { cause: error },
      );
    }
  }

  /** Whether a sealed value is sealed with the key that encrypts now. */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${format}.${this.#current.id}.`);
  }

  get #current(): Key {
    return this.#keys[0] as Key;
  }
}

function derive(material: string, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(material, "utf8"), "", info, length));
}

/**
 * The keys from BORDA_ENCRYPTION_KEYS, else from `${home}/encryption_key`, generated once
 * (readable by its owner only) so a single machine needs no set-up. Replicas must share
 * the setting.
 */
export function loadEncryptionKeys(
  home: string,
  fromEnvironment: string | undefined,
): EncryptionKeys {
  if (fromEnvironment) {
    return new EncryptionKeys(
      fromEnvironment
        .split(",")
        .map((key) => key.trim())
        .filter((key) => key !== ""),
    );
  }
  const file = path.join(home, "encryption_key");
  if (!existsSync(file)) {
    mkdirSync(home, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  return new EncryptionKeys([readFileSync(file, "utf8").trim()]);
}
