// What one catalogue entry says about an event type: everything Herald does differently per type
// is a field here, so a new type is one entry (lib/events/kinds/) and a rule left out does not
// compile. lib/events/catalogue.ts puts the entries together.
import { z } from "zod";

export const categories = ["nft", "trading", "social", "system"] as const;
export type Category = (typeof categories)[number];
export const priorities = ["low", "medium", "high"] as const;
export type Priority = (typeof priorities)[number];
/** The channels that reach a user who is away, by priority high → sms, medium → push, low → email. */
export const offlineChannels = ["sms", "push", "email"] as const;
export type OfflineChannel = (typeof offlineChannels)[number];
/** The signed-in app's pages an entry can name (where a page shows its events live). */
export const pages = ["/dashboard", "/nft", "/trading", "/social", "/notifications", "/settings", "/admin/system"] as const;
export type Page = (typeof pages)[number];

export const id = z.union([z.string().min(1).max(200), z.number()]);
export const money = z.number().finite();
export const isoDate = z.iso.datetime({ offset: true });

/** How a tab shows the event when it arrives (the one tab chosen to show it: lib/client/visible-tabs.ts). */
export type InAppRules = {
  /** A toast (components/realtime-toasts.tsx); false for ticks and the stream's own events. */
  toast: boolean;
  /** The page that shows the event live where it belongs: no toast while it is open. */
  shownOn: Page | null;
  /** A line in the dashboard's feed of live events (components/event-feed.tsx). */
  feed: boolean;
};

/** How it reaches a user who is away (lib/notify/routing.ts, choose-route.ts). */
export type OfflineRules = {
  /**
   * Sent at once instead of after the grace window, and not called off if a stream opens
   * meanwhile: a new-sign-in alert must reach the owner although the new sign-in's page is about
   * to open a stream (it may be the stranger's).
   */
  atOnce: boolean;
  /** SMS and push go during the user's quiet hours too, instead of waiting for them to end. */
  throughQuietHours: boolean;
};

type Common = {
  category: Category;
  priority: Priority;
  /** Produced by the stream itself, never by notify() or the trigger API. */
  control?: true;
  schema: z.ZodObject;
  inApp: InAppRules;
};

export type Definition = Common &
  (
    | {
        /** Persisted, given a stream id and replayed, and routed offline by its rules. */
        durable: true;
        internal?: never;
        offline: OfflineRules;
      }
    | {
        /** Live only (ticks, progress, stream control): never stored, never sent offline. */
        durable: false;
        /** A live feed to Herald's own pages (lib/notify's publishLive), not for notify()'s callers. */
        internal?: true;
        offline: null;
      }
    | {
        /** Herald's record of an account email to one address (the delivery ledger), never streamed or routed. */
        durable: true;
        internal: true;
        offline: null;
      }
  );

// `const`: each entry keeps its literal flags (control, internal), which EmittableType reads.
export const defineEvent = <const D extends Definition>(d: D) => d;

