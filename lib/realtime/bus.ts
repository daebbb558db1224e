import "server-only";
// The bus carries every published event to the instances that hold its users' streams:
// in-process by default, Redis pub/sub when REDIS_URL is set (lib/realtime/redis-bus.ts). The
// messages and the interface are in lib/realtime/bus-contract.ts, which both implementations share.
import { env } from "@/lib/env";
import { service } from "@/lib/service";
import type { Bus, BusMessage, BusState } from "./bus-contract";

export class MemoryBus implements Bus {
  private readonly handlers = new Set<(message: BusMessage) => void>();
  private received = 0;

  async publish(message: BusMessage): Promise<void> {
    this.received++;
    for (const handler of this.handlers) handler(message);
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** One process: every event already reaches it. */
  async watch(): Promise<void> {}
  unwatch(): void {}

  /** In-process delivery cannot be interrupted. */
  onGap(): void {}

  async close(): Promise<void> {
    this.handlers.clear();
  }

  state(): BusState {
    return { kind: "memory", connected: true, reconnects: 0, received: this.received, shards: 0 };
  }
}

async function create(): Promise<Bus> {
  const { REDIS_URL, HERALD_REDIS_PREFIX, HERALD_BUS_SHARDS } = env();
  if (!REDIS_URL) return new MemoryBus();
  const { RedisBus } = await import("./redis-bus");
  return RedisBus.connect(REDIS_URL, HERALD_REDIS_PREFIX, HERALD_BUS_SHARDS);
}

export function bus(): Promise<Bus> {
  return service("bus", create);
}
