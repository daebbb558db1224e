import { z } from "zod";
import { CURSOR_PATTERN, parseCursor, type Cursor } from "@/lib/events/cursor";
import { HeraldError } from "@/lib/errors";

const MESSAGE = "must be an event cursor (a frame's `id:`, or an event id)";
const cursorSchema = z.string().regex(CURSOR_PATTERN, MESSAGE);

/** The replay cursor from Last-Event-ID / lastEventId (lib/events/cursor.ts); absent or empty means "live only". */
export function cursorOf(raw: string | null): Cursor | null {
  if (raw === null || raw.trim() === "") return null;
  const parsed = cursorSchema.safeParse(raw.trim());
  if (!parsed.success) {
    throw new HeraldError("invalid_request", `Invalid event cursor "${raw.slice(0, 40)}": ${MESSAGE}`, {
      issues: [{ path: "lastEventId", message: MESSAGE }],
    });
  }
  return parseCursor(parsed.data);
}
