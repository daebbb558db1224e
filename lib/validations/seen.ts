// POST /api/events/seen: the durable event ids a browser rendered in a visible tab.
import { z } from "zod";

export const seenSchema = z.object({
  ids: z.array(z.string().regex(/^\d{1,19}$/, "must be an event id")).min(1).max(200),
});
