import "server-only";
// The offline outbox: delivery rows that are due are claimed with FOR UPDATE SKIP LOCKED (so any
// number of workers can run, none sending a row twice), checked against presence (never a
// third-party send for an online user), and handed to their channel's adapter.
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { toEnvelope } from "@/lib/events/envelope";
import { isOnline } from "@/lib/realtime/hub";
import { ChannelError, isChannelError } from "./channels/types";
import { channelAdapters } from "./channels";
import { compose } from "./compose";
import { resolveDestination } from "./destination";
import { decideDue, type OfflineChannel } from "./routing";

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;

export async function claimDue(limit: number, now = new Date()): Promise<string[]> {
  const db = await prisma();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
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

/** Processes every due delivery once; returns how many were handled. */
export async function processDueDeliveries(limit = 100): Promise<number> {
  const ids = await claimDue(limit);
  if (ids.length === 0) return 0;
  const db = await prisma();
  const rows = await db.delivery.findMany({
    where: { id: { in: ids } },
    include: { notification: true, user: { include: { devices: { orderBy: { createdAt: "desc" } } } } },
  });
  for (const row of rows) {
    await deliver(row).catch((err) => console.error("[herald] outbox delivery", row.id, err));
  }
  return rows.length;
}

type Row = Prisma.DeliveryGetPayload<{ include: { notification: true; user: { include: { devices: true } } } }>;

async function deliver(row: Row): Promise<void> {
  const db = await prisma();
  if (decideDue({ online: await isOnline(row.userId) }) === "cancel") {
    await db.delivery.update({
      where: { id: row.id },
      data: { status: "cancelled", nextAttemptAt: null, reason: "user came online: shown in the app, no third-party send" },
    });
    return;
  }
  const target = resolveDestination(row.channel as OfflineChannel, {
    phone: row.user.phone,
    email: row.user.email,
    deviceTokens: row.user.devices.map((d) => d.token),
  });
  if (!target) {
    await db.delivery.update({
      where: { id: row.id },
      data: { status: "failed", nextAttemptAt: null, lastError: "the user has no phone, push device or email" },
    });
    return;
  }
  const outbound = compose(target.channel, target.destination, toEnvelope(row.notification));
  const reason = target.fellBackBecause
    ? `${row.reason ?? ""}; fell back to ${target.channel}: ${target.fellBackBecause}`
    : row.reason;
  const adapter = channelAdapters()[target.channel];
  const attempts = row.attempts + 1;
  try {
    const result = await adapter.send(outbound);
    await db.delivery.update({
      where: { id: row.id },
      data: {
        channel: target.channel,
        status: result.status,
        destination: target.destination,
        payload: outbound.message,
        providerMessageId: result.providerMessageId,
        attempts,
        reason,
        nextAttemptAt: null,
        lastError: null,
      },
    });
  } catch (err) {
    const failure = isChannelError(err) ? err : new ChannelError(err instanceof Error ? err.message : String(err), true);
    const retry = failure.retryable && attempts < MAX_ATTEMPTS;
    await db.delivery.update({
      where: { id: row.id },
      data: {
        channel: target.channel,
        status: retry ? "pending" : failure.retryable ? "dead" : "failed",
        destination: target.destination,
        payload: outbound.message,
        attempts,
        reason,
        lastError: failure.message,
        nextAttemptAt: retry ? new Date(Date.now() + backoffMs(attempts, failure.retryAfterMs)) : null,
      },
    });
  }
}

/** Exponential backoff with full jitter, never sooner than the provider's Retry-After. */
export function backoffMs(attempt: number, retryAfterMs: number | null, base = 1000, cap = 5 * 60_000): number {
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  return Math.max(retryAfterMs ?? 0, Math.floor(Math.random() * ceiling));
}

const store = globalThis as unknown as { heraldOutbox?: ReturnType<typeof setInterval> };

/** Polls for due deliveries in the background of the server process. */
export function startOutboxWorker(): void {
  if (store.heraldOutbox) return;
  let running = false;
  store.heraldOutbox = setInterval(() => {
    if (running) return;
    running = true;
    processDueDeliveries()
      .catch((err) => console.error("[herald] outbox", err))
      .finally(() => (running = false));
  }, env().HERALD_OUTBOX_POLL_MS);
  store.heraldOutbox.unref();
}

export function stopOutboxWorker(): void {
  if (store.heraldOutbox) clearInterval(store.heraldOutbox);
  store.heraldOutbox = undefined;
}
