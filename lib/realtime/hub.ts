import "server-only";
// This process's realtime hub: the bus feeds the registry, each event encoded once into the frame
// every local stream gets (its `id:` a resume cursor, lib/events/cursor.ts). Here the transport's
// parts are put together: bus → registry → presence, and the catch-up of every stream after a bus
// gap. Listeners from outside lib/realtime are added in lib/boot.ts (docs/architecture.md, "Wiring").
import { env } from "@/lib/env";
import { formatCursor, parseCursor, type Cursor } from "@/lib/events/cursor";
import { log } from "@/lib/log";
import { fanoutLatency } from "@/lib/metrics/instruments";
import { service } from "@/lib/service";
import { bus } from "./bus";
import type { Bus, BusGap, BusMessage } from "./bus-contract";
import { catchUpAfterGap, catchUpOnOpen, type CatchUpContext, type ReplayListener } from "./catch-up";
import { Horizon, type Arrived } from "./horizon";
import { presence as presenceService, type Presence } from "./presence";
import { Registry } from "./registry";
import { latestCursor, loadReplay } from "./replay";
import { encodeEnvelope } from "./sse";
import type { Frame, Stream } from "./stream";

export type Hub = {
  registry: Registry;
  bus: Bus;
  presence: Presence;
  /**
   * Admits a stream (or throws the registry's refusal): first its user's events are made to reach
   * this instance (the bus's watch), which is given back when the stream closes.
   */
  admit(stream: Stream): Promise<void>;
  /** A stream opened with a cursor: writes what it missed, then it goes live. */
  catchUp(stream: Stream, cursor: Cursor): Promise<void>;
  /** Work to finish when the bus is back, before streams catch up (sign-outs it did not carry). */
  onBusBack(task: () => Promise<void>): void;
  /** Adds a listener told of every replay (the delivery ledger's). */
  onReplayed(listener: ReplayListener): void;
};

function frameOf(message: Extract<BusMessage, { envelope: unknown }>, horizon: Horizon): Frame {
  const { envelope, stored, at } = message;
  if (!message.durable) return { id: null, bytes: encodeEnvelope(envelope, null), at };
  // A publisher without transaction ids (an older instance in a rolling deploy): a bare id.
  const cursor = stored
    ? formatCursor(envelope.id, horizon.next(at ?? Date.now(), BigInt(stored.xmin), envelope.id, BigInt(stored.txid)), stored.txid, stored.xmin)
    : envelope.id;
  return { id: envelope.id, cursor, bytes: encodeEnvelope(envelope, cursor), at };
}

/** Streams read back from the database at once after a bus gap (the rest wait their turn). */
const CATCH_UP_CONCURRENCY = 8;

/** Everything the hub needs that can fail (the bus, presence, the database), before anything starts. */
async function open(): Promise<Hub & { start: () => void }> {
  const e = env();
  const [b, presence, start] = await Promise.all([bus(), presenceService(), latestCursor()]);
  // Where the stored events stood when this instance started: the first horizon, and where a
  // stream with nothing of its own yet resumes after a gap until the bus brings an event.
  const horizon = new Horizon(parseCursor(start.cursor)!.xmin!, e.HERALD_PUBLISH_LAG_MS);
  let position = start.cursor;
  let down = false;
  let arrived: Arrived | undefined;
  const backTasks: (() => Promise<void>)[] = [];
  const replayListeners: ReplayListener[] = [];

  const registry = new Registry(
    {
      perUser: e.HERALD_MAX_STREAMS_PER_USER,
      total: e.HERALD_MAX_STREAMS,
      heartbeatMs: e.HERALD_HEARTBEAT_MS,
      lingerMs: e.HERALD_PRESENCE_LINGER_MS,
    },
    {
      onUserOnline: presence.onUserOnline,
      onUserIdle: presence.onUserIdle,
      // A stream opened while the bus is down joins the gap at once.
      onAdd: (stream) => {
        if (down) stream.beginGap(position);
      },
      onClosed: (stream) => {
        b.unwatch(stream.userId);
        log().debug({ stream: stream.id, user: stream.userId, reason: stream.closeReason }, "stream closed");
      },
      onWritten: (publishedAt, now) => {
        for (const at of publishedAt) fanoutLatency.observe(Math.max(0, now - at) / 1000);
      },
    },
  );
  const ctx: CatchUpContext = {
    counters: registry.counters,
    limit: e.HERALD_REPLAY_LIMIT,
    horizon,
    load: loadReplay,
    latest: latestCursor,
    onReplayed: (userId, ids) => {
      for (const listener of replayListeners) listener(userId, ids);
    },
  };

  const onMessage = (message: BusMessage) => {
    if (message.kind === "session_ended") {
      registry.closeSession(message.userId, message.sid);
      return;
    }
    const frame = frameOf(message, horizon);
    if (frame.cursor) position = frame.cursor;
    if (message.kind === "users") registry.sendToUsers(message.userIds, frame);
    else registry.sendToAll(frame);
  };
  const onGap = (gap: BusGap) => {
    if (gap === "down") {
      down = true;
      arrived = horizon.arrived();
      registry.forEach((stream) => stream.beginGap(position));
      return;
    }
    const before = arrived;
    down = false;
    void (async () => {
      for (const task of backTasks) await task().catch((err) => log().error({ err }, "a task after the bus gap failed"));
      await catchUpAll(registry, ctx, () => (down ? position : false), before);
    })().catch((err) => log().error({ err }, "catch-up after the bus gap failed"));
  };

  return {
    registry,
    bus: b,
    presence,
    async admit(stream) {
      // Before anything is read for the stream or sent to it.
      await b.watch(stream.userId);
      try {
        registry.add(stream);
      } catch (err) {
        b.unwatch(stream.userId);
        throw err;
      }
    },
    catchUp: (stream, cursor) => catchUpOnOpen(ctx, stream, cursor),
    onBusBack: (task) => void backTasks.push(task),
    onReplayed: (listener) => void replayListeners.push(listener),
    start: () => {
      b.subscribe(onMessage);
      b.onGap(onGap);
      registry.start();
    },
  };
}

async function catchUpAll(registry: Registry, ctx: CatchUpContext, downAgain: () => string | false, arrived: Arrived | undefined): Promise<void> {
  const waiting: Stream[] = [];
  registry.forEach((stream) => {
    if (stream.gap) waiting.push(stream);
  });
  const worker = async () => {
    for (let stream = waiting.shift(); stream; stream = waiting.shift()) await catchUpAfterGap(ctx, stream, downAgain, arrived);
  };
  await Promise.all(Array.from({ length: CATCH_UP_CONCURRENCY }, worker));
}

/** This process's hub: subscribed to the bus and its heartbeat timer running only once all of it is up. */
export function hub(): Promise<Hub> {
  return service("hub", open, (h) => h.start());
}
