import { describe, expect, it } from "vitest";
import { isUniqueViolation } from "./unique-violation";

describe("isUniqueViolation", () => {
  it("recognises both adapters' reports and nothing else", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error("dup"), { cause: { kind: "postgres", code: "23505" } }))).toBe(true);
    expect(isUniqueViolation({ cause: { kind: "UniqueConstraintViolation" } })).toBe(true);
    // pg's and PGlite's own error, from a statement sent straight to the driver
    expect(isUniqueViolation(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(true);
    expect(isUniqueViolation(new Error("other"))).toBe(false);
    expect(isUniqueViolation({ cause: { code: "23503" } })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
