import "server-only";
// The shared notification module: every feature and the trigger API emit through notify() and
// broadcast(). Durable events are persisted (with each recipient's delivery plan) before they
// are published, so nothing published can be missing from replay or the ledger.
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { env } from "@/lib/env";
import type { EmittableType, EventPayload, EventType } from "@/lib/events/catalogue";
import { ephemeralEnvelope, toEnvelope, type Envelope } from "@/lib/events/envelope";
import { HeraldError } from "@/lib/errors";
import { log } from "@/lib/log";
import { eventsPublished } from "@/lib/metrics/instruments";
import { bus as theBus } from "@/lib/realtime/bus";
import type { Bus, BusMessage } from "@/lib/realtime/bus-contract";
import { presence, stateOf } from "@/lib/realtime/presence";
import { redisLog } from "@/lib/redis";
import { insertBroadcast, insertTargeted, type StoredRow } from "./persist";
import { prepareEvent, type EventInput, type PreparedEvent } from "./prepare";
import { escalationDelayMs } from "./escalation";
import { planDelivery, planEscalation, type Channel } from "./routing";

export type DeliveryOutcome = { userId: string; channel: Channel; status: string; reason: string | null };

export type NotifyResult = {
  envelope: Envelope;
  durable: boolean;
  audience: "users" | "broadcast";
  recipients: string[];
  deliveries: DeliveryOutcome[];
  /** True when an Idempotency-Key matched an earlier request: nothing new was sent. */
  repeated: boolean;
};

export type NotifyOptions = { idempotencyKey?: string; requestHash?: string };

/** Sends one event to users (by id). Online users get it on their streams; others later, offline. */
export async function notify<T extends EmittableType>(userIds: string[], input: EventInput<T>, options: NotifyOptions = {}): Promise<NotifyResult> {
  const event = prepareEvent(input);
  const recipients = [...new Set(userIds)];
  if (recipients.length === 0) throw new HeraldError("invalid_request", "A notification needs at least one recipient");
  const [bus, presenceService] = await Promise.all([theBus(), presence()]);
  const answer = await presenceService.lookup(recipients);

  if (!event.durable) {
    const envelope = ephemeralEnvelope(event.type, event.message, event.data, event.priority);
    const published = await publish(bus, { kind: "users", userIds: recipients, envelope, durable: false });
    const deliveries = recipients.map((userId) =>
      !published
        ? { userId, channel: "sse" as const, status: "dropped", reason: "live event and the bus unreachable: not kept" }
        : answer.online.has(userId)
          ? { userId, channel: "sse" as const, status: "sent", reason: "live event sent on open streams" }
          : { userId, channel: "sse" as const, status: "dropped", reason: "live event and user offline: not kept" },
    );
    return { envelope, durable: false, audience: "users", recipients, deliveries, repeated: false };
  }

  const earlier = await findIdempotent(options);
  if (earlier) return earlier;

  const now = new Date();
  const graceMs = env().HERALD_OFFLINE_GRACE_MS;
  const afterMs = escalationDelayMs(event.priority);
  const plans = recipients.map((userId) => {
    const state = stateOf(answer, userId);
    return {
      userId,
      plan: [
        ...planDelivery({ presence: state, priority: event.priority, now, graceMs, type: event.type }),
        ...planEscalation({ presence: state, priority: event.priority, now, afterMs }),
      ],
    };
  });

  let row;
  const storing = Date.now();
  try {
    const base = baseRow(event, options);
    const stored = await insertTargeted({ ...base, data: event.data, recipients, deliveries: plans });
    row = { ...base, ...stored };
  } catch (err) {
    const raced = await raceLoser(err, options);
    if (raced) return raced;
    throw err;
  }
  const envelope = toEnvelope(row);
  await publish(bus, { kind: "users", userIds: recipients, envelope, durable: true, stored: storedAt(row) }, storing);
  return {
    envelope,
    durable: true,
    audience: "users",
    recipients,
    deliveries: plans.flatMap(({ userId, plan }) =>
      plan.map((d) => ({ userId, channel: d.channel, status: d.status, reason: d.reason })),
    ),
    repeated: false,
  };
}

/** Sends one event to everyone: all open streams now, and replayed to anyone who reconnects. */
export async function broadcast<T extends EmittableType>(input: EventInput<T>, options: NotifyOptions = {}): Promise<NotifyResult> {
  const event = prepareEvent(input);
  const bus = await theBus();
  if (!event.durable) {
    const envelope = ephemeralEnvelope(event.type, event.message, event.data, event.priority);
    await publish(bus, { kind: "broadcast", envelope, durable: false });
    return { envelope, durable: false, audience: "broadcast", recipients: [], deliveries: [], repeated: false };
  }
  const earlier = await findIdempotent(options);
  if (earlier) return earlier;
  let row;
  const storing = Date.now();
  try {
    const base = baseRow(event, options);
    row = { ...base, ...(await insertBroadcast(base)) };
  } catch (err) {
    const raced = await raceLoser(err, options);
    if (raced) return raced;
    throw err;
  }
  const envelope = toEnvelope(row);
  await publish(bus, { kind: "broadcast", envelope, durable: true, stored: storedAt(row) }, storing);
  return { envelope, durable: true, audience: "broadcast", recipients: [], deliveries: [], repeated: false };
}

/**
 * Herald's own live feeds to its pages (internal catalogue types): straight to the users' open
 * streams, neither stored nor routed offline, with no presence lookup.
 */
export async function publishLive<T extends EventType>(userIds: string[], type: T, message: string, data: EventPayload<T>): Promise<void> {
  if (userIds.length === 0) return;
  const bus = await theBus();
  await publish(bus, { kind: "users", userIds, envelope: ephemeralEnvelope(type, message, data), durable: false });
}

/**
 * Publishes an event, stamped with the time (fan-out latency is measured from here) and counted,
 * or says it could not. A durable event is stored by now: when the bus is down, every instance's
 * streams read it back from the database once the bus returns (lib/realtime/hub), so the request
 * succeeds; failing it would only invite a retry that could send it twice.
 *
 * A durable event should reach the bus within HERALD_PUBLISH_LAG_MS of being stored: resume
 * cursors re-read that much recent history (lib/realtime/horizon.ts). Later than that, a client
 * that reconnected meanwhile may miss it: said in the log, since nothing else would show it.
 */
async function publish(bus: Bus, message: Extract<BusMessage, { envelope: unknown }>, storing?: number): Promise<boolean> {
  const at = Date.now();
  try {
    await bus.publish({ ...message, at });
  } catch (err) {
    publishFailed(err instanceof Error ? err : new Error(String(err)));
    return false;
  }
  eventsPublished.inc({ type: message.envelope.type, category: message.envelope.category });
  const late = storing === undefined ? 0 : Date.now() - storing;
  if (late > env().HERALD_PUBLISH_LAG_MS) {
    log().warn({ event: message.envelope.id, ms: late }, "a stored event reached the bus later than HERALD_PUBLISH_LAG_MS: a client reconnecting meanwhile may miss it");
  }
  return true;
}
const publishFailed = redisLog("bus publish; streams catch up from the database when it returns");

const storedAt = (row: StoredRow) => ({ txid: row.txid, xmin: row.xmin });

function baseRow(event: PreparedEvent, options: NotifyOptions) {
  return {
    type: event.type,
    category: event.category,
    priority: event.priority,
    message: event.message,
    data: event.data as Prisma.InputJsonObject,
    idempotencyKey: options.idempotencyKey ?? null,
    requestHash: options.requestHash ?? null,
  };
}

async function findIdempotent(options: NotifyOptions): Promise<NotifyResult | null> {
  if (!options.idempotencyKey) return null;
  const db = await prisma();
  const row = await db.notification.findUnique({
    where: { idempotencyKey: options.idempotencyKey },
    include: { recipients: { select: { userId: true } }, deliveries: true },
  });
  if (!row) return null;
  if (options.requestHash && row.requestHash && row.requestHash !== options.requestHash) {
    throw new HeraldError("conflict", "This Idempotency-Key was already used for a different request");
  }
  return {
    envelope: toEnvelope(row),
    durable: true,
    audience: row.audience === "BROADCAST" ? "broadcast" : "users",
    recipients: row.recipients.map((r) => r.userId),
    deliveries: row.deliveries.map((d) => ({ userId: d.userId, channel: d.channel, status: d.status, reason: d.reason })),
    repeated: true,
  };
}

/** Two requests with one Idempotency-Key raced: the loser's insert failed; answer with the winner. */
async function raceLoser(err: unknown, options: NotifyOptions): Promise<NotifyResult | null> {
  if (!options.idempotencyKey) return null;
  if (!isUniqueViolation(err)) return null;
  return findIdempotent(options);
}
