import "server-only";
// This process's realtime hub: the registry fed by the bus. Each event is encoded once here and
// the same bytes go to every local stream.
//
// When the bus goes down (Redis lost), events are still stored but no longer reach this
// instance's streams. The hub marks every stream's place then, and when the bus is back each
// stream reads what it missed from the database, skipping what it already wrote: exactly once.
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { fanoutLatency } from "@/lib/metrics/instruments";
import { bus, type Bus, type BusMessage } from "./bus";
import { LocalPresence, RedisPresence, stateOf, type Presence, type PresenceState } from "./presence";
import type { Connection, Frame } from "./connection";
import { Registry } from "./registry";
import { catchUp } from "./catch-up";
import { latestEventId } from "./replay";
import { encodeEnvelope } from "./sse";

export type Hub = {
  registry: Registry;
  bus: Bus;
  presence: Presence;
  /** The newest durable event this instance has received from the bus. */
  watermark(): string | null;
};

const store = globalThis as unknown as { heraldHub?: Promise<Hub> };

function frameOf(message: Extract<BusMessage, { envelope: unknown }>): Frame {
  return {
    id: message.durable ? message.envelope.id : null,
    bytes: encodeEnvelope(message.envelope, message.durable),
    at: message.at,
  };
}

/** Streams read back from the database at once after a bus gap (the rest wait their turn). */
const CATCH_UP_CONCURRENCY = 8;

async function create(): Promise<Hub> {
  const e = env();
  const registry = new Registry({
    perUser: e.HERALD_MAX_STREAMS_PER_USER,
    total: e.HERALD_MAX_STREAMS,
    heartbeatMs: e.HERALD_HEARTBEAT_MS,
    lingerMs: e.HERALD_PRESENCE_LINGER_MS,
  });
  registry.onClosed = (conn) => log().debug({ stream: conn.id, user: conn.userId, reason: conn.closeReason }, "stream closed");
  registry.onWritten = (publishedAt, now) => {
    for (const at of publishedAt) fanoutLatency.observe(Math.max(0, now - at) / 1000);
  };
  const b = await bus();
  // The newest durable event this instance has seen on the bus: where a stream with nothing of
  // its own yet resumes after a gap.
  let watermark = await latestEventId();
  let down = false;
  b.subscribe((message) => {
    switch (message.kind) {
      case "users":
        if (message.durable) watermark = message.envelope.id;
        registry.sendToUsers(message.userIds, frameOf(message));
        break;
      case "broadcast":
        if (message.durable) watermark = message.envelope.id;
        registry.sendToAll(frameOf(message));
        break;
      case "session_ended":
        registry.closeSession(message.userId, message.sid);
        break;
    }
  });
  b.onGap((gap) => {
    if (gap === "down") {
      down = true;
      registry.forEach((conn) => conn.beginGap(watermark));
      return;
    }
    down = false;
    void catchUpAll(registry, () => watermark, () => (down ? watermark : false)).catch((err) => log().error({ err }, "catch-up after the bus gap failed"));
  });
  // A stream opened while the bus is down joins the gap at once.
  registry.onAdd = (conn) => {
    if (down) conn.beginGap(watermark);
  };
  registry.start();
  let presence: Presence = new LocalPresence(registry);
  if (e.REDIS_URL) presence = await RedisPresence.connect(e.REDIS_URL, registry, e.HERALD_REDIS_PREFIX, e.HERALD_PRESENCE_TTL_MS);
  return { registry, bus: b, presence, watermark: () => watermark };
}

async function catchUpAll(registry: Registry, watermark: () => string | null, downAgain: () => string | null | false): Promise<void> {
  const waiting: Connection[] = [];
  registry.forEach((conn) => {
    if (conn.gap) waiting.push(conn);
  });
  const limit = env().HERALD_REPLAY_LIMIT;
  const worker = async () => {
    for (let conn = waiting.shift(); conn; conn = waiting.shift()) await catchUp(registry, conn, limit, watermark, downAgain);
  };
  await Promise.all(Array.from({ length: CATCH_UP_CONCURRENCY }, worker));
}

export function hub(): Promise<Hub> {
  store.heraldHub ??= create().catch((err) => {
    store.heraldHub = undefined;
    throw err;
  });
  return store.heraldHub;
}

/** Online = at least one open stream, on any instance; `unknown` while presence cannot tell. */
export async function presenceOf(userId: string): Promise<PresenceState> {
  return stateOf(await (await hub()).presence.lookup([userId]), userId);
}
