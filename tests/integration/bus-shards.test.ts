// The Redis bus's shard channels against a real Redis (TEST_REDIS_URL): an event for the users of
// one shard reaches an instance only while it holds a stream of one of that shard's users;
// broadcasts, sign-outs and events for users of several shards reach every instance. Each case
// ends with a message every instance receives, published after the others by the same
// connection: Redis delivers in publish order, so once it has arrived, anything that was going to
// arrive before it has (no waiting for something not to happen).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusMessage } from "@/lib/realtime/bus-contract";
import { shardOf } from "@/lib/realtime/bus-contract";
import { RedisBus } from "@/lib/realtime/redis-bus";
import { waitUntil } from "../support/client";

const url = process.env.TEST_REDIS_URL;
const SHARDS = 8;

function users(id: string, userIds: string[]): BusMessage {
  return {
    kind: "users",
    userIds,
    durable: false,
    envelope: { id, type: "price_alert", category: "trading", priority: "low", message: id, data: {}, timestamp: new Date(0).toISOString() },
  };
}
const broadcast = (id: string): BusMessage => ({ ...users(id, []), kind: "broadcast" }) as BusMessage;

/** Two user ids in different shards, and a third in the first one's shard. */
function pickUsers(): { x: string; y: string; xSibling: string } {
  const ids = Array.from({ length: 100 }, (_, i) => `user-${i}`);
  const x = ids[0]!;
  const y = ids.find((id) => shardOf(id, SHARDS) !== shardOf(x, SHARDS))!;
  const xSibling = ids.find((id) => id !== x && shardOf(id, SHARDS) === shardOf(x, SHARDS))!;
  return { x, y, xSibling };
}

describe.runIf(!!url)("the Redis bus's shard channels", () => {
  const prefix = `herald-test-${process.pid}-${Date.now()}:`;
  let a: RedisBus;
  let b: RedisBus;
  const received: string[] = [];
  const idOf = (m: BusMessage) => ("envelope" in m ? m.envelope.id : `${m.kind}:${m.sid}`);

  beforeAll(async () => {
    [a, b] = await Promise.all([RedisBus.connect(url!, prefix, SHARDS), RedisBus.connect(url!, prefix, SHARDS)]);
    b.subscribe((m) => received.push(idOf(m)));
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  /** Publishes from A, then a broadcast `mark`, and returns what B received up to that mark. */
  async function sendThenMark(messages: BusMessage[], mark: string): Promise<string[]> {
    received.length = 0;
    for (const m of messages) await a.publish(m);
    await a.publish(broadcast(mark));
    await waitUntil(() => received.includes(mark), `B to receive ${mark}`);
    return received.slice(0, received.indexOf(mark));
  }

  it("delivers a shard's events only to an instance that holds a stream of one of its users", async () => {
    const { x, y } = pickUsers();
    expect(await sendThenMark([users("to-x", [x]), users("to-y", [y])], "m1")).toEqual([]);

    await b.watch(x);
    expect(await sendThenMark([users("to-y", [y]), users("to-x", [x])], "m2")).toEqual(["to-x"]);
    // Several shards' users in one event: the shared channel, so every instance has it once.
    expect(await sendThenMark([users("to-xy", [x, y])], "m3")).toEqual(["to-xy"]);
    await a.publish({ kind: "session_ended", userId: y, sid: "s1" });
    await waitUntil(() => received.includes("session_ended:s1"), "the sign-out to reach B");
  });

  it("keeps listening while any stream of the shard is open, and stops after the last one closes", async () => {
    const { x, xSibling } = pickUsers();
    // B already watches x (the test before); a second stream in the same shard, then both close.
    await b.watch(xSibling);
    b.unwatch(x);
    expect(await sendThenMark([users("to-x", [x])], "m4")).toEqual(["to-x"]);
    b.unwatch(xSibling);
    expect(await sendThenMark([users("to-x", [x]), users("to-sibling", [xSibling])], "m5")).toEqual([]);
    // And listens again when a stream of the shard opens again.
    await b.watch(xSibling);
    expect(await sendThenMark([users("to-x", [x])], "m6")).toEqual(["to-x"]);
    b.unwatch(xSibling);
  });

  it("puts everything on the one shared channel when sharding is off", async () => {
    const { x } = pickUsers();
    const off = await RedisBus.connect(url!, `${prefix}off:`, 0);
    const seen: string[] = [];
    off.subscribe((m) => seen.push(idOf(m)));
    try {
      await off.publish(users("to-x", [x]));
      await off.publish(broadcast("m7"));
      await waitUntil(() => seen.includes("m7"), "the mark");
      expect(seen).toEqual(["to-x", "m7"]);
    } finally {
      await off.close();
    }
  });
});
