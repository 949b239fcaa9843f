import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Backoff } from "../src/client/backoff.js";

describe("backoff", () => {
  it("doubles its ceiling with each failure up to the cap, with the wait anywhere below it", () => {
    const highest = new Backoff({ baseMs: 100, capMs: 1000, random: () => 0.999_999 });
    expect(Array.from({ length: 6 }, () => highest.next())).toEqual([99, 199, 399, 799, 999, 999]);
    const lowest = new Backoff({ baseMs: 100, capMs: 1000, random: () => 0 });
    expect(Array.from({ length: 3 }, () => lowest.next())).toEqual([0, 0, 0]);
  });

  it("starts over after a success", () => {
    const backoff = new Backoff({ baseMs: 100, capMs: 1000, random: () => 0.5 });
    backoff.next();
    backoff.next();
    expect(backoff.failures).toBe(2);
    backoff.reset();
    expect(backoff.next()).toBe(50);
  });

  it("never waits less than zero or more than the cap, however long it keeps failing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
          minLength: 1,
          maxLength: 200,
        }),
        (baseMs, capMs, draws) => {
          let i = 0;
          const backoff = new Backoff({ baseMs, capMs, random: () => draws[i] ?? 0 });
          for (i = 0; i < draws.length; i++) {
            const wait = backoff.next();
            const ceiling = Math.min(capMs, baseMs * 2 ** i);
            expect(wait).toBeGreaterThanOrEqual(0);
            expect(wait).toBeLessThan(Math.max(ceiling, 1));
            expect(wait).toBeLessThanOrEqual(capMs);
          }
        },
      ),
    );
  });
});
