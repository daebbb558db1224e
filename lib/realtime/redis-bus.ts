import "server-only";
// The bus over Redis pub/sub, for several instances: an event for users of one shard goes on that
// shard's channel, anything else on the shared one, and an instance listens to a shard while it
// holds a stream of its users (docs/scaling.md, "Shard channels"). Pub/sub keeps nothing, so the
// bus reports gaps (`down`, then `up` once resubscribed) and the hub reads the missed events back
// from the database (docs/reliability.md, "Redis restarts").
import type { Redis } from "ioredis";
import { log } from "@/lib/log";
import { connectRedis } from "@/lib/redis";
import { shardOf, type Bus, type BusGap, type BusMessage, type BusState } from "./bus-contract";

/** A shard this instance listens to: how many of its streams need it, and when it is subscribed. */
type Watched = { streams: number; ready: Promise<void> };

export class RedisBus implements Bus {
  private readonly handlers = new Set<(message: BusMessage) => void>();
  private readonly gapHandlers = new Set<(gap: BusGap) => void>();
  private readonly shared: string;
  private readonly shardPrefix: string;
  private readonly watched = new Map<number, Watched>();
  /** Streams waiting for a shard's subscription: let go when the connection drops (the gap covers them). */
  private readonly waiting = new Set<() => void>();
  private reconnects = 0;
  private received = 0;
  private down = false;
  private closing = false;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    prefix: string,
    private readonly shards: number,
  ) {
    this.shared = `${prefix}bus`;
    this.shardPrefix = `${this.shared}:`;
    sub.on("message", (channel: string, text: string) => {
      if (channel !== this.shared && !channel.startsWith(this.shardPrefix)) return;
      let message: BusMessage;
      try {
        message = JSON.parse(text) as BusMessage;
      } catch {
        log().error({ channel }, "ignoring a malformed bus message");
        return;
      }
      this.received++;
      for (const handler of this.handlers) handler(message);
    });
    for (const client of [pub, sub]) {
      client.on("reconnecting", () => this.reconnects++);
      client.on("close", () => this.lost());
      client.on("ready", () => void this.regained());
    }
  }

  /** `shards`: how many shard channels targeted events are spread over; 0: everything on the shared channel. */
  static async connect(url: string, prefix: string, shards: number): Promise<RedisBus> {
    const made = await Promise.allSettled([connectRedis("publish", { url }), connectRedis("subscribe", { url })]);
    const [pub, sub] = made.map((m) => (m.status === "fulfilled" ? m.value : null));
    if (!pub || !sub) {
      // One of the two connected: a failed start leaves nothing open behind it.
      pub?.disconnect();
      sub?.disconnect();
      throw made.find((m): m is PromiseRejectedResult => m.status === "rejected")!.reason;
    }
    const bus = new RedisBus(pub, sub, prefix, shards);
    await sub.subscribe(bus.shared);
    return bus;
  }

  private shardChannel(shard: number): string {
    return `${this.shardPrefix}${shard}`;
  }

  /** Where a message goes: its users' shard when they all share one, else the shared channel. */
  private channelOf(message: BusMessage): string {
    if (message.kind !== "users" || this.shards === 0 || message.userIds.length === 0) return this.shared;
    const shard = shardOf(message.userIds[0]!, this.shards);
    for (const userId of message.userIds) if (shardOf(userId, this.shards) !== shard) return this.shared;
    return this.shardChannel(shard);
  }

  private lost(): void {
    if (this.closing || this.down) return;
    this.down = true;
    log().warn("bus: lost Redis; events are stored and will be read back when it returns");
    for (const release of this.waiting) release();
    this.waiting.clear();
    for (const handler of this.gapHandlers) handler("down");
  }

  private async regained(): Promise<void> {
    if (this.closing || !this.down) return;
    if (this.pub.status !== "ready" || this.sub.status !== "ready") return;
    try {
      // Subscribed again before anyone reads what was missed: nothing falls between the two.
      await this.sub.subscribe(this.shared, ...[...this.watched.keys()].map((shard) => this.shardChannel(shard)));
    } catch {
      return; // dropped again; the next "ready" tries once more
    }
    if (!this.down || this.pub.status !== "ready" || this.sub.status !== "ready") return;
    this.down = false;
    log().warn("bus: Redis is back; catching streams up from the database");
    for (const handler of this.gapHandlers) handler("up");
  }

  async publish(message: BusMessage): Promise<void> {
    await this.pub.publish(this.channelOf(message), JSON.stringify(message));
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  watch(userId: string): Promise<void> {
    if (this.shards === 0) return Promise.resolve();
    const shard = shardOf(userId, this.shards);
    const watched = this.watched.get(shard);
    if (watched) {
      watched.streams++;
      return watched.ready;
    }
    const ready = this.listen(this.shardChannel(shard));
    this.watched.set(shard, { streams: 1, ready });
    return ready;
  }

  unwatch(userId: string): void {
    if (this.shards === 0) return;
    const shard = shardOf(userId, this.shards);
    const watched = this.watched.get(shard);
    if (!watched || --watched.streams > 0) return;
    this.watched.delete(shard);
    // Sent in order on the one connection: a later watch's SUBSCRIBE lands after this.
    this.sub.unsubscribe(this.shardChannel(shard)).catch(() => {});
  }

  /**
   * Subscribes to a shard's channel; resolves once Redis confirmed it, or at once while the bus is
   * down (the streams are in a gap then, and `regained` subscribes every watched shard first).
   */
  private listen(channel: string): Promise<void> {
    const subscribed = this.sub.subscribe(channel);
    if (this.down) {
      subscribed.catch(() => {});
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const release = () => {
        this.waiting.delete(release);
        resolve();
      };
      this.waiting.add(release);
      subscribed.then(release, (err: unknown) => {
        // The connection dropped (a gap that `regained` closes) or Redis refused: say so either way.
        log().error({ err, channel }, "bus: could not subscribe to a shard channel");
        release();
      });
    });
  }

  onGap(handler: (gap: BusGap) => void): void {
    this.gapHandlers.add(handler);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.handlers.clear();
    this.gapHandlers.clear();
    for (const release of this.waiting) release();
    this.waiting.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  state(): BusState {
    const connected = !this.down && this.pub.status === "ready" && this.sub.status === "ready";
    return { kind: "redis", connected, reconnects: this.reconnects, received: this.received, shards: this.watched.size };
  }
}
