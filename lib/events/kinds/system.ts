// System, account and security events, and Herald's own live feeds.
import { z } from "zod";
import { defineEvent, isoDate } from "../definition";

export const systemEvents = {
  system_maintenance: defineEvent({
    category: "system", priority: "high", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({
      startTime: isoDate,
      endTime: isoDate.optional(),
      /** The stored window (an admin's announcement; absent from the trigger API). */
      windowId: z.string().optional(),
      /** The admin's text without the ⚠️ the message adds. */
      text: z.string().optional(),
    }),
  }),
  feature_announcement: defineEvent({
    category: "system", priority: "low", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: false, throughQuietHours: false },
    schema: z.looseObject({ pairs: z.array(z.string()).optional(), url: z.string().optional() }),
  }),

  // Notification center: read state changed in one tab; the user's other tabs follow (live-only).
  notifications_read: defineEvent({
    category: "system", priority: "low", durable: false,
    inApp: { toast: false, shownOn: null, feed: false },
    offline: null,
    schema: z.looseObject({
      ids: z.array(z.string()).optional(),
      all: z.boolean().optional(),
      unread: z.number().int().min(0),
    }),
  }),

  // Admin view (/admin/system): this instance's live figures, about once a second, to admins watching.
  system_stats: defineEvent({
    category: "system", priority: "low", durable: false,
    inApp: { toast: false, shownOn: null, feed: false },
    offline: null,
    internal: true,
    schema: z.looseObject({
      at: z.number(),
      instance: z.string(),
      streams: z.number().int().min(0),
      users: z.number().int().min(0),
      /** Frames written to streams since the process started; per second: the change between samples. */
      deliveredTotal: z.number().int().min(0),
      deliveredPerSecond: z.number().min(0),
      publishedPerSecond: z.number().min(0),
      fanoutMs: z.object({ mean: z.number().nullable(), p99: z.number().nullable() }),
      outbox: z.record(z.string(), z.record(z.string(), z.number())),
      bus: z.object({ kind: z.string(), connected: z.boolean(), reconnects: z.number() }),
      database: z.object({ kind: z.string(), ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }),
      /** Each offline channel: a live provider or captured, and its send attempts so far by outcome. */
      providers: z.record(z.string(), z.object({ mode: z.enum(["live", "capture"]), attempts: z.record(z.string(), z.number()) })),
    }),
  }),

  // Security and account: the seed's offline-only examples
  security_alert: defineEvent({
    category: "system", priority: "high", durable: true,
    inApp: { toast: true, shownOn: null, feed: true },
    offline: { atOnce: true, throughQuietHours: true },
    schema: z.looseObject({
      kind: z.enum(["new_device", "password_reset"]),
      device: z.string().optional(),
      ip: z.string().optional(),
      location: z.string().optional(),
    }),
  }),
  // An account email (verification link, password reset) sent to one address: its ledger entry.
  account_email: defineEvent({
    category: "system", priority: "low", durable: true,
    inApp: { toast: false, shownOn: null, feed: false },
    offline: null,
    internal: true,
    schema: z.looseObject({ kind: z.enum(["verify_email", "reset_password", "account_exists"]) }),
  }),
} as const;
