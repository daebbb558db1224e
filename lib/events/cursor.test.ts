import { describe, expect, it } from "vitest";
import { formatCursor, isAfter, parseCursor } from "./cursor";

describe("stream cursors", () => {
  it("reads and writes the four forms, and refuses anything else", () => {
    expect(parseCursor("42")).toEqual({ id: 42n, xmin: null, txid: null, own: null });
    expect(parseCursor("42.700")).toEqual({ id: 42n, xmin: 700n, txid: null, own: null });
    expect(parseCursor("42.700.731")).toEqual({ id: 42n, xmin: 700n, txid: 731n, own: null });
    expect(parseCursor("42.700.731.725")).toEqual({ id: 42n, xmin: 700n, txid: 731n, own: 725n });
    for (const bad of ["", "abc", "42.", ".7", "1.2.3.4.5", "-1", "42 .7", "1".repeat(20)]) expect(parseCursor(bad)).toBeNull();
    expect(formatCursor(42n, 700n, 731n, 725n)).toBe("42.700.731.725");
    expect(formatCursor(42n, 700n, 731n)).toBe("42.700.731");
    expect(formatCursor("42", "700")).toBe("42.700");
    expect(formatCursor(42n, null)).toBe("42");
  });

  it("puts after a cursor the greater ids, and the smaller ones whose transaction was still open when it was taken", () => {
    const c = parseCursor("42.700")!;
    expect(isAfter(c, 43n, 650n)).toBe(true);
    expect(isAfter(c, 41n, 700n)).toBe(true); // id taken before 42, committed after the cursor
    expect(isAfter(c, 41n, 699n)).toBe(false); // finished before the cursor was taken
    expect(isAfter(c, 42n, 900n)).toBe(false); // the cursor's own event
    expect(isAfter(c, 41n, null)).toBe(false); // transaction unknown: by id alone
    expect(isAfter(parseCursor("42")!, 41n, 900n)).toBe(false); // a bare id: by id alone
  });
});
