// What one catalogue entry says about an event type, and the schema pieces entries share. The
// entries live by category in lib/events/kinds/; lib/events/catalogue.ts puts them together.
import { z } from "zod";

export const categories = ["nft", "trading", "social", "system"] as const;
export type Category = (typeof categories)[number];
export const priorities = ["low", "medium", "high"] as const;
export type Priority = (typeof priorities)[number];

export const id = z.union([z.string().min(1).max(200), z.number()]);
export const money = z.number().finite();
export const isoDate = z.iso.datetime({ offset: true });

export type Definition = {
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
export const defineEvent = <const D extends Definition>(d: D) => d;
