// .env.example documents every variable lib/env.ts reads, each with a line saying what it means
// and, where the schema has a default, that very default: adding a variable to one without the
// other fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envVariableNames, parseEnv } from "./env";

const lines = readFileSync(path.resolve(import.meta.dirname, "../.env.example"), "utf8").split("\n");
const VARIABLE = /^#\s?([A-Z][A-Z0-9_]*)=(.*)$/;
const listed = lines.flatMap((line, i) => {
  const m = VARIABLE.exec(line);
  return m ? [{ name: m[1]!, value: m[2]!, meaning: lines[i - 1] ?? "" }] : [];
});

describe(".env.example", () => {
  it("lists exactly the variables of the env schema, once each", () => {
    expect(listed.map((v) => v.name).sort()).toEqual([...envVariableNames].sort());
  });

  it("says what each variable means", () => {
    for (const v of listed) {
      expect(v.meaning, v.name).toMatch(/^# \S/);
      expect(VARIABLE.test(v.meaning), `${v.name} has no line of its own above it`).toBe(false);
    }
  });

  it("gives each variable's default as the schema applies it, and leaves the others empty", () => {
    const defaults = parseEnv({}) as Record<string, unknown>;
    for (const v of listed) {
      const applied = defaults[v.name];
      expect(v.value, v.name).toBe(applied === undefined ? "" : String(applied));
    }
  });
});
