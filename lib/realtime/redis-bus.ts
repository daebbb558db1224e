import "server-only";
// The bus over Redis pub/sub, for several instances behind one load balancer: every instance
// publishes to one channel and delivers what it receives to its own streams (its own messages
// included, so there is one delivery path).
import { Redis } from "ioredis";
import { log } from "@/lib/log";
import type { Bus, BusMessage, BusState } from "./bus";

export class RedisBus implements Bus {
  private readonly handlers = new Set<(message: BusMessage) => void>();
  private readonly channel: string;
  private reconnects = 0;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}bus`;
    for (const client of [pub, sub]) client.on("reconnecting", () => this.reconnects++);
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
  }

  static async connect(url: string, prefix: string): Promise<RedisBus> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true };
    const pub = new Redis(url, { ...options, connectionName: "herald-pub" });
    const sub = new Redis(url, { ...options, connectionName: "herald-sub" });
    for (const client of [pub, sub]) client.on("error", (err: Error) => log().error({ err, client: client.options.connectionName }, "redis bus error"));
    await Promise.all([pub.connect(), sub.connect()]);
    const bus = new RedisBus(pub, sub, prefix);
    await sub.subscribe(bus.channel);
    return bus;
  }

  async publish(message: BusMessage): Promise<void> {
    await this.pub.publish(this.channel, JSON.stringify(message));
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }

  state(): BusState {
    return { kind: "redis", connected: this.pub.status === "ready" && this.sub.status === "ready", reconnects: this.reconnects };
  }
}
