import "server-only";
// This process's realtime hub: the registry fed by the bus. Each event is encoded once here and
// the same bytes go to every local stream.
//
// When the bus goes down (Redis lost), events are still stored but no longer reach this
// instance's streams. The hub marks every stream's place then, and when the bus is back each
// stream reads what it missed from the database, skipping what it already wrote: exactly once.
//
// Each durable frame's `id:` is a resume cursor (lib/events/cursor.ts): the event's id, the
// horizon below which every event has reached this instance (lib/realtime/horizon.ts), and the
// event's transaction id. Encoded once here; every local stream gets the same bytes.
import { env } from "@/lib/env";
import { formatCursor, parseCursor } from "@/lib/events/cursor";
import { log } from "@/lib/log";
import { fanoutLatency } from "@/lib/metrics/instruments";
import { service } from "@/lib/service";
import { bus } from "./bus";
import type { Bus, BusGap, BusMessage } from "./bus-contract";
import { presence as presenceService, type Presence } from "./presence";
import type { Stream, Frame } from "./stream";
import { Registry } from "./registry";
import { catchUpAfterGap, type ReplayListener } from "./catch-up";
import { Horizon, type Arrived } from "./horizon";
import { latestCursor } from "./replay";
import { encodeEnvelope } from "./sse";

export type Hub = {
  registry: Registry;
  bus: Bus;
  presence: Presence;
  /** The cursor of the newest durable event this instance has received from the bus. */
  position(): string;
  /** Below this transaction id, every stored event has reached this instance (lib/realtime/horizon.ts). */
  horizon(): bigint;
  /** Whether both events reached this instance and `id` did so before `than` (the same order as on every instance). */
  before(id: string, than: string): boolean;
  /** Work to finish when the bus is back, before streams catch up (e.g. sign-outs it did not carry). */
  onBusBack(task: () => Promise<void>): void;
  /** Adds a listener told of every replay (the delivery ledger's, from boot). */
  onReplayed(listener: ReplayListener): void;
  /** Tells the listeners of a replay (lib/realtime/catch-up.ts). */
  replayed: ReplayListener;
};

function frameOf(message: Extract<BusMessage, { envelope: unknown }>, horizon: Horizon): Frame {
  const { envelope, stored, at } = message;
  if (!message.durable) return { id: null, bytes: encodeEnvelope(envelope, null), at };
  // A publisher from before cursors (a rolling deploy) sends no transaction ids: a bare id then.
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
  const replayed: ReplayListener = (userId, ids) => {
    for (const listener of replayListeners) listener(userId, ids);
  };
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
      // The stream asked the bus for its user's events before it registered (lib/realtime/stream.ts).
      onClosed: (stream) => {
        b.unwatch(stream.userId);
        log().debug({ stream: stream.id, user: stream.userId, reason: stream.closeReason }, "stream closed");
      },
      onWritten: (publishedAt, now) => {
        for (const at of publishedAt) fanoutLatency.observe(Math.max(0, now - at) / 1000);
      },
    },
  );
  const onMessage = (message: BusMessage) => {
    switch (message.kind) {
      case "users": {
        const frame = frameOf(message, horizon);
        if (frame.cursor) position = frame.cursor;
        registry.sendToUsers(message.userIds, frame);
        break;
      }
      case "broadcast": {
        const frame = frameOf(message, horizon);
        if (frame.cursor) position = frame.cursor;
        registry.sendToAll(frame);
        break;
      }
      case "session_ended":
        registry.closeSession(message.userId, message.sid);
        break;
    }
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
      await catchUpAllAfterGap(registry, () => horizon.current, () => (down ? position : false), before, replayed);
    })().catch((err) => log().error({ err }, "catch-up after the bus gap failed"));
  };
  return {
    registry,
    bus: b,
    presence,
    position: () => position,
    horizon: () => horizon.current,
    before: (id, than) => horizon.before(id, than),
    onBusBack: (task) => void backTasks.push(task),
    onReplayed: (listener) => void replayListeners.push(listener),
    replayed,
    start: () => {
      b.subscribe(onMessage);
      b.onGap(onGap);
      registry.start();
    },
  };
}

async function catchUpAllAfterGap(
  registry: Registry,
  horizon: () => bigint,
  downAgain: () => string | false,
  arrived: Arrived | undefined,
  replayed: ReplayListener,
): Promise<void> {
  const waiting: Stream[] = [];
  registry.forEach((stream) => {
    if (stream.gap) waiting.push(stream);
  });
  const limit = env().HERALD_REPLAY_LIMIT;
  const worker = async () => {
    for (let stream = waiting.shift(); stream; stream = waiting.shift()) await catchUpAfterGap(registry, stream, limit, horizon, downAgain, arrived, replayed);
  };
  await Promise.all(Array.from({ length: CATCH_UP_CONCURRENCY }, worker));
}

/** This process's hub: subscribed to the bus and its heartbeat timer running only once all of it is up. */
export function hub(): Promise<Hub> {
  return service("hub", open, (h) => h.start());
}
