import "server-only";
// The bus carries every published event to every instance's registry: in-process by default,
// Redis pub/sub when REDIS_URL is set.
import { env } from "@/lib/env";
import type { Envelope } from "@/lib/events/envelope";

export type BusMessage =
  | { kind: "users"; userIds: string[]; envelope: Envelope; durable: boolean }
  | { kind: "broadcast"; envelope: Envelope; durable: boolean }
  | { kind: "session_ended"; userId: string; sid: string };

/**
 * What a bus tells its subscriber about itself: `down` when messages may stop arriving (a
 * connection dropped: what is published meanwhile is lost to this instance), `up` once it
 * delivers again, so the subscriber can read what it missed from the database.
 */
export type BusState = "up" | "down";

export interface Bus {
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): () => void;
  onState(handler: (state: BusState) => void): void;
  /** False while a connection the bus needs is down. */
  healthy(): boolean;
  close(): Promise<void>;
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
  onState(): void {}

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}

const store = globalThis as unknown as { heraldBus?: Promise<Bus> };

async function create(): Promise<Bus> {
  const { REDIS_URL, HERALD_REDIS_PREFIX } = env();
  if (!REDIS_URL) return new MemoryBus();
  const { RedisBus } = await import("./redis-bus");
  return RedisBus.connect(REDIS_URL, HERALD_REDIS_PREFIX);
}

export function bus(): Promise<Bus> {
  store.heraldBus ??= create().catch((err) => {
    store.heraldBus = undefined;
    throw err;
  });
  return store.heraldBus;
}
