import "server-only";
// The bus carries every published event to every instance's registry: in-process by default,
// Redis pub/sub when REDIS_URL is set.
import { env } from "@/lib/env";
import type { Envelope } from "@/lib/events/envelope";
import { service } from "@/lib/service";

/**
 * `at`: when the publisher sent it (epoch ms), for the fan-out latency metric and the cursor horizon.
 * A durable event also carries its row's transaction id and its insert's snapshot xmin (decimal),
 * from which every instance builds the same kind of resume cursor (lib/realtime/horizon.ts).
 */
type StoredAt = { txid: string; xmin: string };
type EventMessage = { envelope: Envelope; durable: boolean; at?: number; stored?: StoredAt };
export type BusMessage =
  | ({ kind: "users"; userIds: string[] } & EventMessage)
  | ({ kind: "broadcast" } & EventMessage)
  | { kind: "session_ended"; userId: string; sid: string };

/** For metrics, health and the admin view: is the bus usable, and how often did it have to reconnect. */
export type BusState = { kind: "memory" | "redis"; connected: boolean; reconnects: number };

/**
 * What a bus tells its subscriber about gaps: `down` when messages may stop arriving (a
 * connection dropped: what is published meanwhile is lost to this instance), `up` once it
 * delivers again, so the subscriber can read what it missed from the database.
 */
export type BusGap = "down" | "up";

export interface Bus {
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): () => void;
  onGap(handler: (gap: BusGap) => void): void;
  close(): Promise<void>;
  state(): BusState;
}

export class MemoryBus implements Bus {
  private readonly handlers = new Set<(message: BusMessage) => void>();

  async publish(message: BusMessage): Promise<void> {
    for (const handler of this.handlers) handler(message);
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** In-process delivery cannot be interrupted. */
  onGap(): void {}

  async close(): Promise<void> {
    this.handlers.clear();
  }

  state(): BusState {
    return { kind: "memory", connected: true, reconnects: 0 };
  }
}

async function create(): Promise<Bus> {
  const { REDIS_URL, HERALD_REDIS_PREFIX } = env();
  if (!REDIS_URL) return new MemoryBus();
  const { RedisBus } = await import("./redis-bus");
  return RedisBus.connect(REDIS_URL, HERALD_REDIS_PREFIX);
}

export function bus(): Promise<Bus> {
  return service("bus", create);
}
