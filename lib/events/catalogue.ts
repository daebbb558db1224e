// The event catalogue: every event type Herald carries, with its category, default priority,
// durability and the schema of its `data`. Shared by server and client; imports nothing of ours.
// It is the one source of event types: notify()/broadcast() take `EventInput<T>` (a wrong type or
// data shape does not compile), the trigger API and the browser check the same schemas at run time,
// and the browser's handlers receive `EventData<T>`. A new event type is one more entry here
// (docs/architecture.md, "Adding an event type").
//
// Each schema names every field Herald itself sends. At run time payload objects are loose: the
// fields below are checked and extra fields (from the trigger API's callers) are kept as sent;
// in-process callers are held to the fields named here (EventPayload).
import { z } from "zod";

export const categories = ["nft", "trading", "social", "system"] as const;
export type Category = (typeof categories)[number];
export const priorities = ["low", "medium", "high"] as const;
export type Priority = (typeof priorities)[number];

const id = z.union([z.string().min(1).max(200), z.number()]);
const money = z.number().finite();
const isoDate = z.iso.datetime({ offset: true });

type Definition = {
  category: Category;
  priority: Priority;
  /** Persisted, given a stream id and replayed; ephemeral events (ticks, progress) are live-only. */
  durable: boolean;
  /** Produced by the stream itself, never by notify() or the trigger API. */
  control?: true;
  /**
   * Produced by Herald itself, never by notify()'s callers or the trigger API: a live feed to its own
   * pages (published by lib/notify's publishLive), or the delivery-ledger entry of an account email
   * (never streamed).
   */
  internal?: true;
  schema: z.ZodObject;
};

// `const`: each entry keeps its literal flags (control, internal), which EmittableType reads.
const define = <const D extends Definition>(d: D) => d;

export const catalogue = {
  connection_established: define({
    category: "system",
    priority: "low",
    durable: false,
    control: true,
    schema: z.looseObject({ connectionId: z.string().optional(), resumedFrom: z.string().nullable().optional() }),
  }),
  resync: define({
    category: "system",
    priority: "low",
    durable: false,
    control: true,
    schema: z.looseObject({ reason: z.string(), latestId: z.string().nullable() }),
  }),

  // NFT / blockchain
  nft_upgrade_status: define({
    category: "nft",
    priority: "low",
    durable: false,
    schema: z.looseObject({
      upgradeId: id,
      progress: z.number().min(0).max(100),
      stage: z.string().optional(),
      /** The NFT being upgraded; null while a mint has not made one yet. */
      nftId: id.nullable().optional(),
      kind: z.enum(["UPGRADE", "MINT"]).optional(),
      /** The level the job ends at. */
      level: z.number().int().optional(),
    }),
  }),
  nft_upgrade_completed: define({
    category: "nft",
    priority: "medium",
    durable: true,
    schema: z.looseObject({ upgradeId: id.optional(), nftId: id.optional(), level: z.number().int().optional(), name: z.string().optional() }),
  }),
  nft_mint_completed: define({
    category: "nft",
    priority: "medium",
    durable: true,
    schema: z.looseObject({
      nftId: id,
      level: z.number().int().optional(),
      imageUrl: z.string().optional(),
      upgradeId: id.optional(),
      name: z.string().optional(),
    }),
  }),
  badge_earned: define({
    category: "nft",
    priority: "low",
    durable: true,
    schema: z.looseObject({ badgeId: z.string().min(1), name: z.string().min(1) }),
  }),

  // Trading / financial
  trading_alert: define({
    category: "trading",
    priority: "high",
    durable: true,
    schema: z.looseObject({ symbol: z.string().min(1), profit: money.optional(), positionId: id.optional(), exitPrice: money.optional() }),
  }),
  trading_profit_alert: define({
    category: "trading",
    priority: "high",
    durable: true,
    schema: z.looseObject({
      symbol: z.string().min(1).optional(),
      profit: money.optional(),
      positionId: id.optional(),
      exitPrice: money.optional(),
    }),
  }),
  price_alert: define({
    category: "trading",
    priority: "high",
    durable: true,
    schema: z.looseObject({
      symbol: z.string().min(1),
      price: money,
      target: money.optional(),
      direction: z.enum(["ABOVE", "BELOW"]).optional(),
      alertId: id.optional(),
    }),
  }),
  price_tick: define({
    category: "trading",
    priority: "low",
    durable: false,
    schema: z.looseObject({ symbol: z.string().min(1), price: money, at: isoDate.optional() }),
  }),
  position_update: define({
    category: "trading",
    priority: "medium",
    durable: true,
    schema: z.looseObject({
      positionId: id,
      pnl: money.optional(),
      status: z.string().optional(),
      /** Why it closed: take_profit, stop_loss or manual. */
      reason: z.string().optional(),
      symbol: z.string().min(1).optional(),
      exitPrice: money.optional(),
    }),
  }),

  // Social / community
  friend_activity: define({
    category: "social",
    priority: "low",
    durable: true,
    schema: z.looseObject({
      friendId: id,
      /** What they did: nft_upgrade, nft_mint, badge, trade, friendship (any text from the trigger API). */
      activity: z.string().min(1),
      friendName: z.string().optional(),
      // The details of the activity, as its feature tells them.
      nftId: id.optional(),
      level: z.number().int().optional(),
      badgeId: z.string().optional(),
      symbol: z.string().optional(),
      pnl: money.optional(),
      positionId: id.optional(),
    }),
  }),
  chat_message: define({
    category: "social",
    priority: "medium",
    durable: true,
    schema: z.looseObject({
      roomId: id,
      sender: z.string().min(1),
      text: z.string().min(1).max(2000),
      roomName: z.string().optional(),
      /** The stored message's id (a chat posted through the app; absent from the trigger API). */
      messageId: z.string().optional(),
      senderId: z.string().optional(),
      at: isoDate.optional(),
    }),
  }),
  friend_request: define({
    category: "social",
    priority: "low",
    durable: true,
    schema: z.looseObject({ requestId: id, fromId: id, status: z.enum(["pending", "accepted"]) }),
  }),
  competition_ranking: define({
    category: "social",
    priority: "low",
    durable: true,
    schema: z.looseObject({ rank: z.number().int().min(1), contest: z.string().min(1), previousRank: z.number().int().min(1).nullable().optional() }),
  }),

  // System
  system_maintenance: define({
    category: "system",
    priority: "high",
    durable: true,
    schema: z.looseObject({
      startTime: isoDate,
      endTime: isoDate.optional(),
      /** The stored window (an admin's announcement; absent from the trigger API). */
      windowId: z.string().optional(),
      /** The admin's text without the ⚠️ the message adds. */
      text: z.string().optional(),
    }),
  }),
  feature_announcement: define({
    category: "system",
    priority: "low",
    durable: true,
    schema: z.looseObject({ pairs: z.array(z.string()).optional(), url: z.string().optional() }),
  }),

  // Notification center: read state changed in one tab; the user's other tabs follow (live-only).
  notifications_read: define({
    category: "system",
    priority: "low",
    durable: false,
    schema: z.looseObject({
      ids: z.array(z.string()).optional(),
      all: z.boolean().optional(),
      unread: z.number().int().min(0),
    }),
  }),

  // Admin view (/admin/system): this instance's live figures, about once a second, to admins watching.
  system_stats: define({
    category: "system",
    priority: "low",
    durable: false,
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
  security_alert: define({
    category: "system",
    priority: "high",
    durable: true,
    schema: z.looseObject({
      kind: z.enum(["new_device", "password_reset"]),
      device: z.string().optional(),
      ip: z.string().optional(),
      location: z.string().optional(),
    }),
  }),
  transaction_alert: define({
    category: "trading",
    priority: "high",
    durable: true,
    schema: z.looseObject({
      transactionId: id,
      kind: z.string().default("withdrawal"),
      amount: money,
      currency: z.string().min(1),
      status: z.string().optional(),
    }),
  }),
  // An account email (verification link, password reset) sent to one address: its ledger entry.
  account_email: define({
    category: "system",
    priority: "low",
    durable: true,
    internal: true,
    schema: z.looseObject({ kind: z.enum(["verify_email", "reset_password", "account_exists"]) }),
  }),
  auction_ending: define({
    category: "nft",
    priority: "medium",
    durable: true,
    schema: z.looseObject({ auctionId: id, endsAt: isoDate, nftId: id.optional() }),
  }),
} as const;

export type EventType = keyof typeof catalogue;
type SchemaOf<T extends EventType> = (typeof catalogue)[T]["schema"];
/** An event's `data` as received (the browser, a replay): the named fields, typed, and whatever else was sent. */
export type EventData<T extends EventType> = T extends EventType ? z.output<SchemaOf<T>> : never;
/** An event's `data` as Herald's own code sends it: exactly the named fields (extras do not compile). */
export type EventPayload<T extends EventType> = T extends EventType ? z.input<z.ZodObject<SchemaOf<T>["shape"]>> : never;
export const eventTypes = Object.keys(catalogue) as EventType[];

type Flagged<F extends "control" | "internal"> = {
  [T in EventType]: (typeof catalogue)[T] extends Record<F, true> ? T : never;
}[EventType];
/** Types that notify(), broadcast() and the trigger API accept (not the stream's own control events, nor internal ones). */
export type EmittableType = Exclude<EventType, Flagged<"control"> | Flagged<"internal">>;
export const emittableTypes = eventTypes.filter(
  (t): t is EmittableType => !("control" in catalogue[t]) && !("internal" in catalogue[t]),
);

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(catalogue, value);
}

export function isEmittableType(value: string): value is EmittableType {
  return isEventType(value) && (emittableTypes as EventType[]).includes(value);
}

export function definitionOf(type: EventType) {
  return catalogue[type];
}
