// The logger as a log pipeline sees it: one JSON object a line, with nothing secret or personal.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, requestIdOf } from "./log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger(stream, ["the-api-key-0123456789"]) };
}

describe("the logger", () => {
  it("writes one JSON line per event, with its level by name and an ISO time", () => {
    const { lines, logger } = capture();
    logger.info({ reqId: "r1", route: "POST /api/v1/notifications" }, "request");
    expect(lines).toEqual([expect.objectContaining({ level: "info", reqId: "r1", route: "POST /api/v1/notifications", msg: "request" })]);
    expect(new Date(String(lines[0]!.time)).toISOString()).toBe(lines[0]!.time);
  });

  it("redacts credential fields and masks personal ones, at any depth it logs", () => {
    const { lines, logger } = capture();
    logger.warn(
      { authorization: "Bearer x", req: { headers: { authorization: "Bearer y", cookie: "s=1" } }, destination: "+15550000002", user: { email: "bob@herald.test", password: "p" } },
      "provider attempt failed",
    );
    const line = lines[0]!;
    expect(line.authorization).toBe("[redacted]");
    expect(line.req).toEqual({ headers: { authorization: "[redacted]", cookie: "[redacted]" } });
    expect(line.destination).toBe("+*******0002");
    expect(line.user).toEqual({ email: "b***@herald.test", password: "[redacted]" });
  });

  it("masks secrets and personal data inside messages and error stacks", () => {
    const { lines, logger } = capture();
    const err = new Error("POST failed for carol@herald.test with key the-api-key-0123456789");
    logger.error({ err, reqId: "r2" }, "unhandled error for +15550000003");
    const text = JSON.stringify(lines[0]);
    expect(lines[0]).toMatchObject({ level: "error", reqId: "r2", msg: "unhandled error for +*******0003" });
    expect((lines[0]!.err as { message: string }).message).toBe("POST failed for c***@herald.test with key [secret]");
    expect(text).not.toContain("carol@herald.test");
    expect(text).not.toContain("the-api-key-0123456789");
    expect(text).toContain('"stack":"Error: POST failed for c***@herald.test');
  });
});

describe("requestIdOf", () => {
  const req = (id?: string) => new Request("http://h/", { headers: id === undefined ? {} : { "x-request-id": id } });
  it("keeps a sane X-Request-Id and replaces anything else", () => {
    expect(requestIdOf(req("abc-123_DEF.4:5"))).toBe("abc-123_DEF.4:5");
    for (const bad of [undefined, "", "has space", "x".repeat(129), "<script>"]) expect(requestIdOf(req(bad))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
