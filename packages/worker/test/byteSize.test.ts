import { describe, expect, it } from "vitest";
import { formatByteSize, parseByteSize } from "../src/byteSize.js";

describe("byte sizes", () => {
  it("reads decimal units as powers of 1000 and binary ones as powers of 1024, in any case", () => {
    expect(parseByteSize("500MB")).toBe(500_000_000);
    expect(parseByteSize("500 mb")).toBe(500_000_000);
    expect(parseByteSize("1.5G")).toBe(1_500_000_000);
    expect(parseByteSize("2kB")).toBe(2000);
    expect(parseByteSize("1TB")).toBe(1e12);
    expect(parseByteSize("200MiB")).toBe(200 * 1024 * 1024);
    expect(parseByteSize("3Gi")).toBe(3 * 1024 ** 3);
    expect(parseByteSize("1024")).toBe(1024);
    expect(parseByteSize("10b")).toBe(10);
    expect(parseByteSize("0")).toBe(0);
  });

  it("refuses what is not a size: no number, a negative one, an unknown unit", () => {
    for (const text of ["", "MB", "-5MB", "5 XB", "5MBs", "1e3", "five"]) {
      expect(parseByteSize(text), text).toBeNull();
    }
  });

  it("prints sizes in decimal units with three significant digits", () => {
    expect(formatByteSize(312_456_789)).toBe("312 MB");
    expect(formatByteSize(1_234_567_890)).toBe("1.23 GB");
    expect(formatByteSize(999)).toBe("999 B");
    expect(formatByteSize(5_000)).toBe("5 kB");
  });
});
