import "server-only";
// The offline outbox. Due delivery rows are claimed with FOR UPDATE SKIP LOCKED under a lease, so
// any number of workers (processes, instances) share one database without taking a row twice, and
// a row whose worker died is retaken when its lease runs out. Each claimed row is routed (presence,
// preferences, quiet hours, fallback), made idempotent per (notification, channel, destination),
// and sent; every step lands in DeliveryEvent, the delivery's timeline.
import type { Prisma } from "@prisma/client";
import { backoffDelay } from "@/lib/backoff";
import { prisma } from "@/lib/db/client";
import { retryWhileUnavailable } from "@/lib/db/outage";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { providerAttempts, providerDuration } from "@/lib/metrics/instruments";
import { channelAdapters } from "./channels";
import { ChannelError, isChannelError } from "./channels/types";
import { redactLinks } from "./account-email";
import type { EmailMessage } from "./compose";
import { finish, worker, type Row } from "./outbox-row";
import { addressed, route } from "./outbox-route";
import type { OfflineChannel } from "@/lib/events/definition";

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
    nextAttemptAt = new Date(Date.now() + retryDelayMs(attempt, failure.retryAfterMs, e.HERALD_OUTBOX_BACKOFF_MS));
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

/** The next attempt's delay: the backoff, never sooner than the provider's Retry-After (capped at an hour). */
function retryDelayMs(attempt: number, retryAfterMs: number | null, baseMs: number): number {
  return Math.max(Math.min(retryAfterMs ?? 0, 60 * 60_000), backoffDelay(attempt - 1, baseMs, 5 * 60_000));
}
