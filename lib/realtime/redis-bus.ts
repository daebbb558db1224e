import "server-only";
// The bus over Redis pub/sub, for several instances behind one load balancer: every instance
// publishes to one channel and delivers what it receives to its own streams (its own messages
// included, so there is one delivery path).
//
// Redis pub/sub keeps nothing: a message published while a subscriber is disconnected never
// reaches it. So the bus says when there is a gap — `down` (either connection dropped), `up` (both
// connected and the channel subscribed anew) — and the hub reads what the streams missed from the
// database, which holds every durable event. Publishing fails at once while disconnected (no
// offline queue, no resending after reconnect): a late publish could arrive after that catch-up
// read and be delivered twice.
import { Redis } from "ioredis";
import { log } from "@/lib/log";
import { redisLog } from "./redis-log";
import type { Bus, BusGap, BusMessage, BusState } from "./bus";

export class RedisBus implements Bus {
  private readonly handlers = new Set<(message: BusMessage) => void>();
  private readonly gapHandlers = new Set<(gap: BusGap) => void>();
  private readonly channel: string;
  private reconnects = 0;
  private down = false;
  private closing = false;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}bus`;
    sub.on("message", (channel: string, text: string) => {
      if (channel !== this.channel) return;
      let message: BusMessage;
      try {
        message = JSON.parse(text) as BusMessage;
      } catch {
        log().error({ channel }, "ignoring a malformed bus message");
        return;
      }
      for (const handler of this.handlers) handler(message);
    });
    for (const client of [pub, sub]) {
      client.on("reconnecting", () => this.reconnects++);
      client.on("close", () => this.lost());
      client.on("ready", () => void this.regained());
    }
  }

  static async connect(url: string, prefix: string): Promise<RedisBus> {
    const pub = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      enableAutoPipelining: true,
      connectionName: "herald-pub",
    });
    const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName: "herald-sub" });
    pub.on("error", redisLog("herald-pub"));
    sub.on("error", redisLog("herald-sub"));
    await Promise.all([pub.connect(), sub.connect()]);
    const bus = new RedisBus(pub, sub, prefix);
    await sub.subscribe(bus.channel);
    return bus;
  }

  private lost(): void {
    if (this.closing || this.down) return;
    this.down = true;
    log().warn("bus: lost Redis; events are stored and will be read back when it returns");
    for (const handler of this.gapHandlers) handler("down");
  }

  private async regained(): Promise<void> {
    if (this.closing || !this.down) return;
    if (this.pub.status !== "ready" || this.sub.status !== "ready") return;
    try {
      // Subscribed again before anyone reads what was missed: nothing falls between the two.
      await this.sub.subscribe(this.channel);
    } catch {
      return; // dropped again; the next "ready" tries once more
    }
    if (!this.down || this.pub.status !== "ready" || this.sub.status !== "ready") return;
    this.down = false;
    log().warn("bus: Redis is back; catching streams up from the database");
    for (const handler of this.gapHandlers) handler("up");
  }

  async publish(message: BusMessage): Promise<void> {
    await this.pub.publish(this.channel, JSON.stringify(message));
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  onGap(handler: (gap: BusGap) => void): void {
    this.gapHandlers.add(handler);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.handlers.clear();
    this.gapHandlers.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  state(): BusState {
    return { kind: "redis", connected: !this.down && this.pub.status === "ready" && this.sub.status === "ready", reconnects: this.reconnects };
  }
}
