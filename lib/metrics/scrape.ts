import "server-only";
// The metrics read at scrape time, from state Herald keeps anyway: the stream registry's
// integer counters (streams, frames, replays: counted per stream and frame, so never through the
// metrics library on the hot path), the bus's state and the outbox's depth. Registered once per
// process, on the first scrape; `metricsText()` is what GET /api/metrics answers.
import type { Counter, Gauge } from "prom-client";
import { outboxDepth, outboxStatuses } from "@/lib/notify/outbox-depth";
import { offlineChannels } from "@/lib/events/definition";
import { bus } from "@/lib/realtime/bus";
import { hub } from "@/lib/realtime/hub";
import { processWide } from "@/lib/service";
import { closeReasons } from "@/lib/realtime/stream";
import type { StreamCounters } from "@/lib/realtime/registry";
import { counter, gauge, metricsRegistry } from "./registry";

/** A counter whose value is a running total kept elsewhere: set at each scrape. */
function total<L extends string>(c: Counter<L>, values: [Partial<Record<L, string>>, number][]): void {
  c.reset();
  for (const [labels, value] of values) c.inc(labels, value);
}

async function streams(): Promise<{ counters: StreamCounters; open: number; users: number }> {
  const { registry } = await hub();
  const { streams: open, users } = registry.stats();
  return { counters: registry.counters, open, users };
}

function register(): void {
  gauge({
    name: "herald_streams_open",
    help: "SSE streams open on this instance",
    async collect() {
      this.set((await streams()).open);
    },
  });
  gauge({
    name: "herald_users_connected",
    help: "Users with at least one stream open on this instance",
    async collect() {
      this.set((await streams()).users);
    },
  });
  counter({
    name: "herald_streams_opened_total",
    help: "Streams admitted on this instance",
    async collect() {
      total(this, [[{}, (await streams()).counters.opened]]);
    },
  });
  counter({
    name: "herald_streams_closed_total",
    help: "Streams ended on this instance, by reason (client_closed, cancelled, write_failed, slow_consumer, lifetime, session_ended, shutdown)",
    labelNames: ["reason"] as const,
    async collect() {
      const { closed } = (await streams()).counters;
      total(this, closeReasons.map((reason) => [{ reason }, closed[reason]]));
    },
  });
  counter({
    name: "herald_streams_refused_total",
    help: "Streams refused by a cap: user_cap (429, HERALD_MAX_STREAMS_PER_USER) or process_cap (503, HERALD_MAX_STREAMS)",
    labelNames: ["cap"] as const,
    async collect() {
      const { refused } = (await streams()).counters;
      total(this, [
        [{ cap: "user_cap" }, refused.user_cap],
        [{ cap: "process_cap" }, refused.process_cap],
      ]);
    },
  });
  counter({
    name: "herald_frames_delivered_total",
    help: "Live event frames written to streams on this instance (a broadcast to N streams counts N)",
    async collect() {
      total(this, [[{}, (await streams()).counters.framesDelivered]]);
    },
  });
  counter({
    name: "herald_replayed_events_total",
    help: "Missed events sent to reconnecting streams",
    async collect() {
      total(this, [[{}, (await streams()).counters.replayed]]);
    },
  });
  counter({
    name: "herald_resyncs_total",
    help: "Reconnects that missed more than HERALD_REPLAY_LIMIT events and were told to resync",
    async collect() {
      total(this, [[{}, (await streams()).counters.resyncs]]);
    },
  });
  gauge({
    name: "herald_bus_connected",
    help: "1 while the event bus can publish and receive (always 1 for the in-process bus)",
    labelNames: ["kind"] as const,
    async collect() {
      const state = (await bus()).state();
      this.reset();
      this.set({ kind: state.kind }, state.connected ? 1 : 0);
    },
  });
  counter({
    name: "herald_bus_reconnects_total",
    help: "Times the Redis bus connections had to reconnect",
    async collect() {
      total(this, [[{}, (await bus()).state().reconnects]]);
    },
  });
  counter({
    name: "herald_bus_messages_received_total",
    help: "Bus messages that reached this instance (with Redis: the shared channel's and those of the shard channels it listens to)",
    async collect() {
      total(this, [[{}, (await hub()).bus.state().received]]);
    },
  });
  gauge({
    name: "herald_bus_shards_watched",
    help: "Shard channels of the Redis bus this instance listens to: those of the users it holds streams of (0 in-process)",
    async collect() {
      this.set((await hub()).bus.state().shards);
    },
  });
  gauge({
    name: "herald_outbox_deliveries",
    help: "Offline deliveries in the outbox by channel and status (pending, sending, dead): shared by every instance",
    labelNames: ["channel", "status"] as const,
    async collect(this: Gauge<"channel" | "status">) {
      const depth = await outboxDepth();
      for (const channel of offlineChannels) for (const status of outboxStatuses) this.set({ channel, status }, depth[channel][status]);
    },
  });
}

/** The whole registry in Prometheus's text format, and its content type. */
export async function metricsText(): Promise<{ text: string; contentType: string }> {
  processWide("scrape-metrics", register);
  const registry = metricsRegistry();
  return { text: await registry.metrics(), contentType: registry.contentType };
}
