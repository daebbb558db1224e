// The stream's own control events: never sent by notify() or the trigger API.
import { z } from "zod";
import { defineEvent } from "../definition";

export const streamEvents = {
  connection_established: defineEvent({
    category: "system", priority: "low", durable: false,
    inApp: { toast: false, shownOn: null, feed: false },
    offline: null,
    control: true,
    schema: z.looseObject({ connectionId: z.string().optional(), resumedFrom: z.string().nullable().optional() }),
  }),
  resync: defineEvent({
    category: "system", priority: "low", durable: false,
    inApp: { toast: false, shownOn: null, feed: true },
    offline: null,
    control: true,
    schema: z.looseObject({ reason: z.string(), latestId: z.string().nullable() }),
  }),

} as const;
