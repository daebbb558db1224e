import "server-only";
// The offline outbox. Due delivery rows are claimed with FOR UPDATE SKIP LOCKED under a lease, so
// any number of workers (processes, instances) share one database without taking a row twice, and
// a row whose worker died is retaken when its lease runs out. Each claimed row is routed (presence,
// preferences, quiet hours, fallback), made idempotent per (notification, channel, destination),
// and sent; every step lands in DeliveryEvent, the delivery's timeline.
import { hostname } from "node:os";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db/client";
import { pauseReporter, retryWhileUnavailable } from "@/lib/db/outage";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { providerAttempts, providerDuration } from "@/lib/metrics/instruments";
import type { Category } from "@/lib/events/catalogue";
import { toEnvelope } from "@/lib/events/envelope";
import { presenceOf } from "@/lib/realtime/hub";
import { channelAdapters } from "./channels";
import { ChannelError, isChannelError } from "./channels/types";
import { chooseRoute } from "./choose-route";
import { redactLinks } from "./account-email";
import { compose, type EmailMessage, type OutboundMessage } from "./compose";
import { channelForPriority, decideDue, type OfflineChannel } from "./routing";
import type { Priority } from "@/lib/events/catalogue";

/** Written on every timeline entry, so a test (or an operator) sees which worker did what. */
const worker = `${hostname()}:${process.pid}`;

export async function claimDue(limit: number, now = new Date()): Promise<string[]> {
  const db = await prisma();
  const leaseUntil = new Date(now.getTime() + env().HERALD_OUTBOX_LEASE_MS);
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Delivery" SET status = 'sending', "nextAttemptAt" = ${leaseUntil}, "updatedAt" = now()
    WHERE id IN (
      SELECT id FROM "Delivery"
      WHERE channel <> 'sse' AND status IN ('pending', 'sending') AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows.map((r) => r.id);
}

/**
 * Processes the due deliveries this worker can claim; returns how many were handled. When
 * `stopping()` turns true (SIGTERM), the rows claimed but not started yet are handed back at once
 * for the next process, instead of waiting out their lease.
 */
export async function processDueDeliveries(limit = env().HERALD_OUTBOX_BATCH, stopping: () => boolean = () => false): Promise<number> {
  const ids = await claimDue(limit);
  if (ids.length === 0) return 0;
  const db = await prisma();
  const rows = await db.delivery.findMany({
    where: { id: { in: ids } },
    include: {
      notification: true,
      user: { include: { devices: { orderBy: { createdAt: "desc" } }, deliverySettings: true, channelPreferences: true } },
    },
  });
  let handled = 0;
  for (const row of rows) {
    if (stopping()) break;
    await deliver(row).catch((err) => log().error({ err, delivery: row.id }, "outbox delivery failed"));
    handled++;
  }
  const left = rows.slice(handled).map((r) => r.id);
  if (left.length > 0) await releaseClaims(left);
  return handled;
}

/** Hands claimed rows back (due now), so another worker takes them without waiting for the lease. */
async function releaseClaims(ids: string[]): Promise<void> {
  const db = await prisma();
  await db.delivery.updateMany({ where: { id: { in: ids }, status: "sending" }, data: { status: "pending", nextAttemptAt: new Date() } });
}

type Row = Prisma.DeliveryGetPayload<{
  include: {
    notification: true;
    user: { include: { devices: true; deliverySettings: true; channelPreferences: true } };
  };
}>;

type Step = Omit<Prisma.DeliveryEventUncheckedCreateInput, "deliveryId" | "worker">;

async function finish(row: Row, data: Prisma.DeliveryUpdateInput, step: Step): Promise<void> {
  const db = await prisma();
  await db.$transaction([
    db.delivery.update({ where: { id: row.id }, data }),
    db.deliveryEvent.create({ data: { ...step, deliveryId: row.id, worker } }),
  ]);
}

type Planned = { channel: OfflineChannel; destination: string; outbound: OutboundMessage; detail: string | null };

/** A notification for a user: presence, preferences, quiet hours and fallback decide (null: handled here). */
async function route(row: Row): Promise<Planned | null> {
  const due = decideDue({ presence: await presenceOf(row.userId), trigger: row.trigger });
  if (due === "cancel") {
    const reason = "user came online: shown in the app, no third-party send";
    await finish(row, { status: "cancelled", nextAttemptAt: null }, { kind: "cancelled", outcome: "cancelled", detail: reason });
    return null;
  }
  if (due === "wait") {
    // Presence cannot tell (Redis away): an SMS to a user who is reading the app cannot be taken
    // back, a later one can still be sent. Look again after a presence refresh.
    const until = new Date(Date.now() + Math.max(1_000, Math.floor(env().HERALD_PRESENCE_TTL_MS / 3)));
    await finish(
      row,
      { status: "pending", nextAttemptAt: until },
      { kind: "route", outcome: "held", detail: "presence unknown (Redis unreachable): decided once it answers" },
    );
    return null;
  }

  const { user, notification } = row;
  const settings = user.deliverySettings;
  const now = new Date();
  const choice = chooseRoute({
    preferred: channelForPriority[notification.priority as Priority] ?? (row.channel as OfflineChannel),
    type: notification.type,
    category: notification.category as Category,
    // An account address nobody confirmed gets no mail but its verification link (README, "Accounts").
    reach: { phone: user.phone, email: settings?.email ?? (user.emailVerifiedAt ? user.email : null), deviceTokens: user.devices.map((d) => d.token) },
    disabled: new Set(user.channelPreferences.filter((p) => !p.enabled).map((p) => `${p.category}:${p.channel}`)),
    quiet: settings?.quietStart && settings.quietEnd ? { start: settings.quietStart, end: settings.quietEnd, timeZone: user.timeZone } : null,
    now,
  });
  const detail = choice.notes.join("; ") || null;

  if (choice.action === "skip") {
    await finish(
      row,
      { status: "failed", nextAttemptAt: null, lastError: detail },
      { kind: "route", outcome: "failed", detail },
    );
    return null;
  }
  if (choice.action === "hold") {
    await finish(
      row,
      { status: "pending", nextAttemptAt: choice.until, channel: choice.channel, destination: choice.destination },
      { kind: "route", outcome: "held", channel: choice.channel, destination: choice.destination, detail },
    );
    return null;
  }
  const { channel, destination } = choice;
  return { channel, destination, outbound: compose(channel, destination, toEnvelope(notification)), detail };
}

/** An account email: composed when queued, sent to the address it names (lib/notify/account-email.ts). */
function addressed(row: Row): Planned {
  const message = row.payload as EmailMessage;
  return { channel: "email", destination: row.destination ?? message.to, outbound: { channel: "email", message }, detail: "account email" };
}

async function deliver(row: Row): Promise<void> {
  const db = await prisma();

  // A worker died during a provider call: whether that message left is unknown. Sending again
  // could reach the user twice, so the row stops here, saying so.
  const inFlight = await db.deliveryEvent.findFirst({ where: { deliveryId: row.id, outcome: "in_flight" } });
  if (inFlight) {
    const detail = "the worker stopped during the provider call; not sent again, to avoid a duplicate";
    await db.$transaction([
      db.deliveryEvent.update({ where: { id: inFlight.id }, data: { outcome: "unknown", detail } }),
      db.delivery.update({ where: { id: row.id }, data: { status: "failed", nextAttemptAt: null, lastError: detail } }),
    ]);
    return;
  }

  const planned = row.trigger === "direct" ? addressed(row) : await route(row);
  if (!planned) return;
  const { channel, destination, outbound, detail } = planned;
  const attempt = row.attempts + 1;
  let attemptEvent;
  try {
    // Claim the (notification, channel, destination) key and record the attempt before calling out.
    [, attemptEvent] = await db.$transaction([
      db.delivery.update({
        where: { id: row.id },
        data: {
          channel,
          destination,
          payload: outbound.message,
          attempts: attempt,
          dedupeKey: `${row.notification.id}:${channel}:${destination}`,
        },
      }),
      db.deliveryEvent.create({
        data: { deliveryId: row.id, kind: "attempt", attempt, outcome: "in_flight", channel, destination, detail, worker },
      }),
    ]);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const reason = `duplicate: this notification already went to ${destination} by ${channel}`;
    await finish(row, { status: "cancelled", nextAttemptAt: null }, { kind: "cancelled", outcome: "duplicate", channel, destination, detail: reason });
    return;
  }

  const adapter = channelAdapters()[channel];
  const started = performance.now();
  const attempted = (outcome: string) => {
    providerAttempts.inc({ channel, outcome });
    providerDuration.observe({ channel, outcome }, (performance.now() - started) / 1000);
  };
  let result;
  try {
    result = await adapter.send(outbound, { deliveryId: row.id });
  } catch (err) {
    const failure = isChannelError(err) ? err : new ChannelError(err instanceof Error ? err.message : String(err), true);
    attempted(await recordFailure(row, attemptEvent.id, attempt, channel, destination, failure, adapter.mode));
    return;
  }
  attempted(result.status);
  // The message has left: its outcome must be recorded even if the database blinks now, or the
  // row would be retaken after its lease and settled as "unknown".
  await retryWhileUnavailable(
    () =>
      db.$transaction([
        db.delivery.update({
          where: { id: row.id },
          data: {
            status: result.status,
            providerMessageId: result.providerMessageId,
            nextAttemptAt: null,
            lastError: null,
            ...keptAfterSending(row, adapter.mode),
          },
        }),
        db.deliveryEvent.update({
          where: { id: attemptEvent.id },
          data: { outcome: result.status, providerMessageId: result.providerMessageId },
        }),
      ]),
    outcomeRetryMs(),
  );
}

/** Outcome writes are retried for half the lease: past it, another worker may already hold the row. */
const outcomeRetryMs = () => Math.floor(env().HERALD_OUTBOX_LEASE_MS / 2);

/** An account email's links are secrets: once a live provider is done with it, keep it without them. */
function keptAfterSending(row: Row, mode: "live" | "capture"): Prisma.DeliveryUpdateInput {
  return row.trigger === "direct" && mode === "live" ? { payload: redactLinks(row.payload as EmailMessage) } : {};
}

async function recordFailure(
  row: Row,
  eventId: bigint,
  attempt: number,
  channel: OfflineChannel,
  destination: string,
  failure: ChannelError,
  mode: "live" | "capture",
): Promise<string> {
  const db = await prisma();
  const e = env();
  const left = attempt < e.HERALD_OUTBOX_MAX_ATTEMPTS;
  let status: "pending" | "dead" | "failed";
  let outcome: string;
  let nextAttemptAt: Date | null = null;
  if (failure.destinationGone && channel === "push") {
    // The token is dead for every future message: forget it, then route again at once (the
    // user's next device, or down the chain).
    await db.device.deleteMany({ where: { token: destination } });
    status = left ? "pending" : "dead";
    outcome = "token_removed";
    nextAttemptAt = left ? new Date() : null;
  } else if (failure.retryable && left) {
    status = "pending";
    outcome = "retry";
    nextAttemptAt = new Date(Date.now() + backoffMs(attempt, failure.retryAfterMs, e.HERALD_OUTBOX_BACKOFF_MS));
  } else {
    status = failure.retryable ? "dead" : "failed";
    outcome = status;
  }
  await retryWhileUnavailable(
    () =>
      db.$transaction([
        db.delivery.update({
          where: { id: row.id },
          data: { status, nextAttemptAt, lastError: failure.message, ...(status === "pending" ? {} : keptAfterSending(row, mode)) },
        }),
        db.deliveryEvent.update({
          where: { id: eventId },
          data: {
            outcome,
            httpStatus: failure.httpStatus,
            detail: nextAttemptAt && outcome === "retry" ? `${failure.message}; next attempt at ${nextAttemptAt.toISOString()}` : failure.message,
          },
        }),
      ]),
    outcomeRetryMs(),
  );
  const fields = { delivery: row.id, notification: String(row.notificationId), channel, destination, attempt, outcome, httpStatus: failure.httpStatus };
  if (status === "dead") log().error(fields, `dead letter: gave up after ${attempt} attempts: ${failure.message}`);
  else log().warn(fields, `provider attempt failed: ${failure.message}`);
  return outcome;
}

/** Exponential backoff with full jitter, never sooner than the provider's Retry-After (capped at an hour). */
export function backoffMs(attempt: number, retryAfterMs: number | null, base = 1000, cap = 5 * 60_000): number {
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  return Math.max(Math.min(retryAfterMs ?? 0, 60 * 60_000), Math.floor(Math.random() * ceiling));
}

type Worker = { timer: ReturnType<typeof setInterval>; running: Promise<void> | null; stopping: boolean };
const store = globalThis as unknown as { heraldOutbox?: Worker };

/** Polls for due deliveries in the background of the server process; pauses while the database is away. */
export function startOutboxWorker(): void {
  if (store.heraldOutbox) return;
  const health = pauseReporter("outbox");
  const worker: Worker = {
    running: null,
    stopping: false,
    timer: setInterval(() => {
      if (worker.running || worker.stopping) return;
      worker.running = processDueDeliveries(undefined, () => worker.stopping)
        .then(health.ok, health.failed)
        .finally(() => (worker.running = null));
    }, env().HERALD_OUTBOX_POLL_MS),
  };
  worker.timer.unref();
  store.heraldOutbox = worker;
}

/**
 * Stops polling and waits (at most `timeoutMs`) for the provider call in flight to finish and be
 * recorded; the batch's other claimed rows go back to the queue for the next process.
 */
export async function stopOutboxWorker(timeoutMs = 0): Promise<void> {
  const worker = store.heraldOutbox;
  store.heraldOutbox = undefined;
  if (!worker) return;
  clearInterval(worker.timer);
  worker.stopping = true;
  if (!worker.running || timeoutMs <= 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([worker.running, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}
