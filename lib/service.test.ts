import { describe, expect, it, vi } from "vitest";
import { forget, made, processWide, running, service, stopService } from "./service";

let n = 0;
const fresh = () => `test-service-${++n}`;

describe("service", () => {
  it("opens once for concurrent callers, who share the same value", async () => {
    const name = fresh();
    let opened = 0;
    const open = async () => ({ id: ++opened });
    const [a, b] = await Promise.all([service(name, open), service(name, open)]);
    expect(opened).toBe(1);
    expect(a).toBe(b);
    expect(await service(name, open)).toBe(a);
  });

  it("forgets a failed open, so the next call tries again", async () => {
    const name = fresh();
    let attempts = 0;
    const open = async () => {
      attempts++;
      if (attempts === 1) throw new Error("redis is down");
      return "up";
    };
    await expect(service(name, open)).rejects.toThrow("redis is down");
    expect(running(name)).toBeUndefined();
    await expect(service(name, open)).resolves.toBe("up");
    expect(attempts).toBe(2);
  });

  it("starts nothing when the open fails, and starts once when it succeeds", async () => {
    const name = fresh();
    const started: string[] = [];
    const start = (value: string) => void started.push(value);
    await expect(service(name, async () => Promise.reject(new Error("no database")), start)).rejects.toThrow();
    expect(started).toEqual([]);
    await Promise.all([service(name, async () => "hub", start), service(name, async () => "other", start)]);
    expect(started).toEqual(["hub"]);
  });

  it("callers waiting on a failed open all see the failure", async () => {
    const name = fresh();
    let fail!: (err: Error) => void;
    const open = () => new Promise<string>((_, reject) => (fail = reject));
    const a = service(name, open);
    const b = service(name, open);
    fail(new Error("refused"));
    await expect(a).rejects.toThrow("refused");
    await expect(b).rejects.toThrow("refused");
  });

  it("running() does not open a service", async () => {
    const name = fresh();
    expect(running(name)).toBeUndefined();
    const value = await service(name, async () => 42);
    await expect(running(name)).resolves.toBe(value);
  });

  it("stopService closes a service that came up and forgets it", async () => {
    const name = fresh();
    const closed: number[] = [];
    await service(name, async () => 1);
    await stopService<number>(name, (v) => void closed.push(v));
    expect(closed).toEqual([1]);
    expect(running(name)).toBeUndefined();
    await stopService<number>(name, (v) => void closed.push(v));
    expect(closed).toEqual([1]);
  });

  it("stopService has nothing to close after a failed open", async () => {
    const name = fresh();
    const closed: unknown[] = [];
    const failing = service(name, async () => Promise.reject(new Error("down")));
    await stopService(name, (v) => void closed.push(v));
    await expect(failing).rejects.toThrow("down");
    expect(closed).toEqual([]);
  });

  it("is shared through globalThis, as separately bundled copies of a module need", async () => {
    const name = fresh();
    const value = await service(name, async () => ({}));
    vi.resetModules();
    const copy = await import("./service"); // a second evaluation of the module, as another bundle has
    expect(copy.service).not.toBe(service);
    expect(await copy.service(name, async () => ({ other: true }))).toBe(value);
  });
});

describe("processWide", () => {
  it("makes the value once, until forgotten", () => {
    const name = fresh();
    let made_ = 0;
    const create = () => ({ n: ++made_ });
    expect(made(name)).toBe(false);
    const a = processWide(name, create);
    expect(processWide(name, create)).toBe(a);
    expect(made(name)).toBe(true);
    forget(name);
    expect(processWide(name, create)).not.toBe(a);
    expect(made_).toBe(2);
  });
});
