import type { TaskConnection } from "@borda/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LogMasker } from "../src/secrets/logMasker.js";

/** A masked stream's output, chunk by chunk as it was emitted. */
function streamOf(masker: LogMasker) {
  const emitted: string[] = [];
  const stream = masker.stream((text) => emitted.push(text));
  return { stream, emitted, text: () => emitted.join("") };
}

const connection: TaskConnection = {
  connId: "plant_db",
  connType: "postgres",
  description: null,
  host: "historian.plant-7.internal",
  port: 5432,
  login: "etl_reader",
  password: "p@ss word/42",
  schema: "telemetry",
  extra: JSON.stringify({
    sslmode: "require",
    api_key: "key 0123/456789",
    nested: { client_secret: "nested-secret-value", region: "eu-west-1" },
    service_account: { type: "service_account", project: "plant-project" },
    tokens: ["token-one-1", "token-two-2"],
  }),
};

describe("log masker", () => {
  it("masks every occurrence of a registered secret in a whole text", () => {
    const masker = new LogMasker();
    masker.add("hunter2-long");
    expect(masker.mask("a hunter2-long b hunter2-long")).toBe("a *** b ***");
    expect(masker.mask("nothing to hide")).toBe("nothing to hide");
  });

  it("leaves values shorter than five characters unmasked (Airflow's min_length_masked_secret)", () => {
    const masker = new LogMasker();
    masker.add("abcd");
    masker.add("abcde");
    expect(masker.mask("abcd abcde")).toBe("abcd ***");
  });

  it("masks a secret split across two chunks, holding back only what could start it", () => {
    const masker = new LogMasker();
    masker.add("correct-horse");
    const { stream, emitted, text } = streamOf(masker);
    stream.write("password=correct-ho");
    expect(emitted).toEqual(["password="]);
    stream.write("rse and more\n");
    expect(text()).toBe("password=*** and more\n");
  });

  it("lets a held-back tail through once the next chunk shows it is no secret, or at the end", () => {
    const masker = new LogMasker();
    masker.add("correct-horse");
    const { stream, text } = streamOf(masker);
    stream.write("cor");
    stream.write("rect answer\n");
    expect(text()).toBe("correct answer\n");
    stream.write("last words: correct-h");
    expect(text()).toBe("correct answer\nlast words: ");
    stream.flush();
    expect(text()).toBe("correct answer\nlast words: correct-h");
  });

  it("masks the longest secret where two begin at one place, also when the longer one is not complete yet", () => {
    const masker = new LogMasker();
    masker.add("token-12345");
    masker.add("token-12345-extended");
    masker.add("xxsecret-long-one");
    masker.add("secret");
    const { stream, text } = streamOf(masker);
    stream.write("a token-12345");
    stream.write("-extended b token-12345 c xxsecret");
    stream.write("-long-one d\n");
    stream.flush();
    expect(text()).toBe("a *** b *** c *** d\n");
  });

  it("masks a stream split anywhere exactly as it masks the whole text", () => {
    // Two letters, secrets with their own beginnings and ends among them, and texts made of
    // secrets: so that secrets overlap, nest and recur, split at every kind of place.
    const alphabet = fc.constantFrom("a", "b");
    const cases = fc
      .array(fc.string({ unit: alphabet, minLength: 7, maxLength: 10 }), {
        minLength: 1,
        maxLength: 3,
      })
      .chain((bases) => {
        const secrets = bases.flatMap((base) => [base, base.slice(0, -2), base.slice(2)]);
        const piece = fc.oneof(
          fc.constantFrom(...secrets),
          fc.string({ unit: alphabet, maxLength: 4 }),
        );
        return fc.record({
          secrets: fc.constant(secrets),
          text: fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join("")),
          cuts: fc.array(fc.nat(80), { maxLength: 6 }),
        });
      });
    fc.assert(
      fc.property(cases, ({ secrets, text, cuts }) => {
        const masker = new LogMasker();
        for (const secret of secrets) masker.add(secret);
        const { stream, text: streamed } = streamOf(masker);
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          stream.write(text.slice(from, Math.max(from, cut)));
          from = Math.max(from, cut);
        }
        stream.write(text.slice(from));
        stream.flush();
        expect(streamed()).toBe(masker.mask(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("masks a connection's password, also as its URI writes it, and every string under a sensitive field of its extra", () => {
    const masker = new LogMasker();
    masker.addConnection(connection);
    const shown = masker.mask(
      [
        "p@ss word/42",
        "postgres://etl_reader:p%40ss%20word%2F42@historian.plant-7.internal:5432/telemetry",
        "key 0123/456789 key+0123%2F456789 nested-secret-value plant-project token-one-1 token-two-2",
        "require eu-west-1 etl_reader historian.plant-7.internal",
      ].join("\n"),
    );
    expect(shown).toBe(
      [
        "***",
        "postgres://etl_reader:***@historian.plant-7.internal:5432/telemetry",
        "*** *** *** *** *** ***",
        "require eu-west-1 etl_reader historian.plant-7.internal",
      ].join("\n"),
    );
  });

  it("masks a variable's value only when its key looks sensitive", () => {
    const masker = new LogMasker();
    masker.addVariable("region", "eu-west-1");
    masker.addVariable("partner_api_token", "tok-5f0c1a2b");
    expect(masker.mask("eu-west-1 tok-5f0c1a2b")).toBe("eu-west-1 ***");
  });
});
