import "server-only";
// This process's realtime hub: the registry fed by the bus. Each event is encoded once here and
// the same bytes go to every local stream.
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { fanoutLatency } from "@/lib/metrics/instruments";
import { bus, type Bus, type BusMessage } from "./bus";
import { LocalPresence, RedisPresence, type Presence } from "./presence";
import type { Frame } from "./connection";
import { Registry } from "./registry";
import { encodeEnvelope } from "./sse";

export type Hub = { registry: Registry; bus: Bus; presence: Presence };

const store = globalThis as unknown as { heraldHub?: Promise<Hub> };

function frameOf(message: Extract<BusMessage, { envelope: unknown }>): Frame {
  return {
    id: message.durable ? message.envelope.id : null,
    bytes: encodeEnvelope(message.envelope, message.durable),
    at: message.at,
  };
}

async function create(): Promise<Hub> {
  const e = env();
  const registry = new Registry({
    perUser: e.HERALD_MAX_STREAMS_PER_USER,
    total: e.HERALD_MAX_STREAMS,
    heartbeatMs: e.HERALD_HEARTBEAT_MS,
  });
  registry.onClosed = (conn) => log().debug({ stream: conn.id, user: conn.userId, reason: conn.closeReason }, "stream closed");
  registry.onWritten = (publishedAt, now) => {
    for (const at of publishedAt) fanoutLatency.observe(Math.max(0, now - at) / 1000);
  };
  const b = await bus();
  b.subscribe((message) => {
    switch (message.kind) {
      case "users":
        registry.sendToUsers(message.userIds, frameOf(message));
        break;
      case "broadcast":
        registry.sendToAll(frameOf(message));
        break;
      case "session_ended":
        registry.closeSession(message.userId, message.sid);
        break;
    }
  });
  registry.start();
  let presence: Presence = new LocalPresence(registry);
  if (e.REDIS_URL) presence = await RedisPresence.connect(e.REDIS_URL, registry, e.HERALD_REDIS_PREFIX);
  return { registry, bus: b, presence };
}

export function hub(): Promise<Hub> {
  store.heraldHub ??= create();
  return store.heraldHub;
}

/** Online = at least one open stream, on any instance. */
export async function isOnline(userId: string): Promise<boolean> {
  return (await (await hub()).presence.online([userId])).has(userId);
}

