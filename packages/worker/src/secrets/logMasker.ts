import { isSensitiveName, type TaskConnection } from "@borda/protocol/edge";

/**
 * One attempt's masks (invariant 9): every secret value the attempt obtained, from the
 * control plane or from its worker, is replaced by `***` in what the attempt's log
 * receives, before it is spooled, so the log's byte offsets count the masked text. The
 * task's stdout and stderr are masked as streams: a secret written across two chunks is
 * still masked, because a tail that could be the start of a secret is held back until the
 * next chunk decides (or the attempt ends).
 *
 * What is registered (as Airflow's secrets masker does): a connection's password and the
 * strings under sensitive fields of its extra, at any depth, each also as the connection's
 * URI writes it; a variable's value when its key is sensitive. A whole value is masked,
 * never a part of one.
 */

/**
 * Values shorter than this are not masked: masking `abc` everywhere would garble the log
 * and tell a reader the value anyway. Airflow's `min_length_masked_secret`, whose default
 * this is.
 */
const minMaskedLength = 5;

/** What a secret is replaced by. */
const replacement = "***";

export class LogMasker {
  readonly #secrets = new Set<string>();
  /** Every secret, longest first, so the longest wins where two start at one place. */
  #pattern: RegExp | null = null;
  /** First characters of the secrets: only where one of these is can a held tail begin. */
  readonly #firstChars = new Set<string>();
  #longest = 0;

  /** Masks `value` from now on, unless it is shorter than `minMaskedLength`. */
  add(value: string): void {
    if (value.length < minMaskedLength || this.#secrets.has(value)) return;
    this.#secrets.add(value);
    this.#firstChars.add(value.charAt(0));
    this.#longest = Math.max(this.#longest, value.length);
    const alternatives = [...this.#secrets]
      .sort((a, b) => b.length - a.length)
      .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    this.#pattern = new RegExp(alternatives.join("|"), "g");
  }

  /**
   * Masks what a connection holds secret: its password, and every string under a
   * sensitive field of its extra (`password`, `token`, `private_key`, ... at any depth:
   * what the API shows as `***`); each as it is and as the connection's URI encodes it.
   */
  addConnection(connection: TaskConnection): void {
    if (connection.password !== null) this.#addAsInUri(connection.password);
    if (connection.extra === null) return;
    let extra: unknown;
    try {
      extra = JSON.parse(connection.extra);
    } catch {
      // Not JSON: nothing in it has a name, so nothing in it is known to be sensitive.
      return;
    }
    this.#addSensitive(extra, false);
  }

  /** Masks a variable's value when its key is sensitive (`api_token`, `db_password`, ...). */
  addVariable(key: string, value: string): void {
    if (isSensitiveName(key)) this.add(value);
  }

  /** `text` with every registered secret masked: a whole text (a note, an error). */
  mask(text: string): string {
    return this.scan(text, true).done;
  }

  /** A stream whose chunks are masked as one text, then passed to `emit`. */
  stream(emit: (text: string) => void): MaskedStream {
    return new MaskedStream(this, emit);
  }

  /**
   * Masks `text` up to where more text could still change the result; `held` is the rest:
   * a possible start of a secret, or of a longer secret that begins like one matched.
   * With `final`, nothing is held. Masking a stream chunk by chunk this way gives the
   * text that masking it whole would: a match is the leftmost, longest secret in both.
   */
  scan(text: string, final: boolean): { done: string; held: string } {
    const pattern = this.#pattern;
    if (pattern === null) return { done: text, held: "" };
    let done = "";
    let from = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      // Near the end, a secret may begin here (a longer one than matched) or earlier, in
      // text the next chunk completes: then that decides, as it would in the whole text.
      if (!final && match.index > text.length - this.#longest) {
        const hold = this.#heldFrom(text, from);
        if (hold <= match.index)
          return { done: done + text.slice(from, hold), held: text.slice(hold) };
      }
      done += text.slice(from, match.index) + replacement;
      from = match.index + match[0].length;
    }
    const hold = final ? text.length : this.#heldFrom(text, from);
    return { done: done + text.slice(from, hold), held: text.slice(hold) };
  }

  /** Some secret is longer than `text` and starts with it. */
  #growsInto(text: string): boolean {
    if (text.length >= this.#longest) return false;
    for (const secret of this.#secrets) {
      if (secret.length > text.length && secret.startsWith(text)) return true;
    }
    return false;
  }

  /** Where the longest tail of `text` after `from` that could begin a secret starts. */
  #heldFrom(text: string, from: number): number {
    for (let at = Math.max(from, text.length - this.#longest + 1); at < text.length; at++) {
      if (this.#firstChars.has(text.charAt(at)) && this.#growsInto(text.slice(at))) return at;
    }
    return text.length;
  }

  /** `value`, and its encodings in a URI: in the user part, and in the query (extra). */
  #addAsInUri(value: string): void {
    this.add(value);
    this.add(encodeURIComponent(value));
    this.add(new URLSearchParams({ v: value }).toString().slice("v=".length));
  }

  #addSensitive(value: unknown, sensitive: boolean): void {
    if (typeof value === "string") {
      if (sensitive) this.#addAsInUri(value);
    } else if (Array.isArray(value)) {
      for (const item of value) this.#addSensitive(item, sensitive);
    } else if (typeof value === "object" && value !== null) {
      for (const [name, item] of Object.entries(value)) {
        this.#addSensitive(item, sensitive || isSensitiveName(name));
      }
    }
  }
}

/**
 * One stream of output (a task's stdout, or its stderr), masked chunk by chunk. Whatever
 * it holds back is written by the next chunk or by `flush()`, at the attempt's end.
 */
export class MaskedStream {
  readonly #masker: LogMasker;
  readonly #emit: (text: string) => void;
  #held = "";

  constructor(masker: LogMasker, emit: (text: string) => void) {
    this.#masker = masker;
    this.#emit = emit;
  }

  write(text: string): void {
    const { done, held } = this.#masker.scan(this.#held + text, false);
    this.#held = held;
    if (done !== "") this.#emit(done);
  }

  /** Writes out what is held back: the stream has ended. */
  flush(): void {
    const held = this.#held;
    this.#held = "";
    if (held !== "") this.#emit(this.#masker.mask(held));
  }
}
