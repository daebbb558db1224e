import "server-only";
// The admin view's live figures (/admin/system): once a second, while at least one admin holds a
// watch lease, this instance samples what its metrics already count (streams, frames delivered,
// events published, fan-out latency) plus the outbox, bus, database and providers, keeps the last
// minutes, and streams each sample to the watching admins as a `system_stats` event over their own
// SSE stream. Nobody watching: the timer stops, nothing is sampled or sent.
import { hostname } from "node:os";
import { sql } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { EventData } from "@/lib/events/catalogue";
import { log } from "@/lib/log";
import { eventsPublished, fanoutLatency, providerAttempts } from "@/lib/metrics/instruments";
import { publishLive } from "@/lib/notify/notify";
import { channelAdapters } from "@/lib/notify/channels";
import { outboxDepth } from "@/lib/notify/outbox-depth";
import { hub } from "@/lib/realtime/hub";
import { watchers } from "@/lib/realtime/watchers";
import { processWide } from "@/lib/service";

type SystemSample = EventData<"system_stats">;

const SAMPLE_MS = 1_000;
/** Five minutes of samples. */
const HISTORY = 300;

type Totals = { at: number; delivered: number; published: number; fanoutSum: number; fanoutCount: number; buckets: Map<number, number> };
type Sampler = { timer: ReturnType<typeof setInterval> | null; busy: boolean; last: Totals | null; history: SystemSample[] };

const sampler = (): Sampler => processWide("live-stats", () => ({ timer: null, busy: false, last: null, history: [] }));
const admins = () => watchers("system-stats");
const instance = `${hostname()}:${process.pid}`;

/** An admin's open /admin/system page holds this lease; the first one starts the sampler. */
export function watchSystemStats(userId: string, watchId: string): void {
  admins().watch(userId, watchId);
  const s = sampler();
  if (s.timer) return;
  s.timer = setInterval(() => void tick(), SAMPLE_MS);
  s.timer.unref();
  void tick();
}

export function unwatchSystemStats(userId: string, watchId: string): void {
  admins().unwatch(userId, watchId);
}

/** The samples of the last minutes (gaps where nobody watched), oldest first. */
export function systemStatsHistory(): SystemSample[] {
  return [...sampler().history];
}

async function tick(): Promise<void> {
  const s = sampler();
  const watching = admins().users();
  if (watching.length === 0) {
    if (s.timer) clearInterval(s.timer);
    s.timer = null;
    s.last = null; // the next watch starts a new series rather than averaging over the gap
    return;
  }
  if (s.busy) return;
  s.busy = true;
  try {
    const sample = await takeSample(s);
    s.history.push(sample);
    if (s.history.length > HISTORY) s.history.shift();
    await publishLive(watching, "system_stats", "System figures", sample);
  } catch (err) {
    log().error({ err }, "system stats sample failed");
  } finally {
    s.busy = false;
  }
}

async function totals(delivered: number): Promise<Totals> {
  const [published, fanout] = await Promise.all([eventsPublished.get(), fanoutLatency.get()]);
  const buckets = new Map<number, number>();
  let fanoutSum = 0;
  let fanoutCount = 0;
  for (const v of fanout.values) {
    if (v.metricName?.endsWith("_bucket") && typeof v.labels.le === "number") buckets.set(v.labels.le, v.value);
    else if (v.metricName?.endsWith("_sum")) fanoutSum = v.value;
    else if (v.metricName?.endsWith("_count")) fanoutCount = v.value;
  }
  return { at: Date.now(), delivered, published: published.values.reduce((n, v) => n + v.value, 0), fanoutSum, fanoutCount, buckets };
}

/** Fan-out latency over the interval: the mean, and the bucket bound under which 99% of frames fell. */
function fanoutOf(prev: Totals | null, now: Totals): SystemSample["fanoutMs"] {
  const count = now.fanoutCount - (prev?.fanoutCount ?? 0);
  if (!prev || count <= 0) return { mean: null, p99: null };
  let p99: number | null = null;
  for (const [le, cumulative] of [...now.buckets].sort((a, b) => a[0] - b[0])) {
    if (cumulative - (prev.buckets.get(le) ?? 0) >= 0.99 * count) {
      p99 = le * 1000;
      break;
    }
  }
  return { mean: ((now.fanoutSum - prev.fanoutSum) / count) * 1000, p99 };
}

async function databaseStatus(): Promise<SystemSample["database"]> {
  const kind = env().DATABASE_URL ? "postgres" : "pglite";
  const started = performance.now();
  try {
    await (await sql())("SELECT 1");
    return { kind, ok: true, latencyMs: performance.now() - started };
  } catch (err) {
    return { kind, ok: false, latencyMs: null, error: err instanceof Error ? err.message : String(err) };
  }
}

async function takeSample(s: Sampler): Promise<SystemSample> {
  const { registry, bus } = await hub();
  const [now, outbox, database] = await Promise.all([
    totals(registry.counters.framesDelivered),
    outboxDepth().catch(() => ({})),
    databaseStatus(),
  ]);
  const prev = s.last;
  s.last = now;
  const seconds = prev ? Math.max(0.001, (now.at - prev.at) / 1000) : 1;
  const attempts = await providerAttempts.get();
  const providers = Object.fromEntries(
    Object.values(channelAdapters()).map((a) => {
      const mine = attempts.values.filter((v) => v.labels.channel === a.channel);
      return [a.channel, { mode: a.mode, attempts: Object.fromEntries(mine.map((v) => [String(v.labels.outcome), v.value])) }];
    }),
  );
  const { streams, users } = registry.stats();
  return {
    at: now.at,
    instance,
    streams,
    users,
    deliveredTotal: now.delivered,
    deliveredPerSecond: prev ? (now.delivered - prev.delivered) / seconds : 0,
    publishedPerSecond: prev ? (now.published - prev.published) / seconds : 0,
    fanoutMs: fanoutOf(prev, now),
    outbox,
    bus: bus.state(),
    database,
    providers,
  };
}
