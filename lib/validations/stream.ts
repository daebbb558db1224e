import { z } from "zod";
import { HeraldError } from "@/lib/errors";

const cursorSchema = z.string().regex(/^\d{1,19}$/, "must be an event id");

/** The replay cursor from Last-Event-ID / lastEventId; absent or empty means "live only". */
export function cursorOf(raw: string | null): bigint | null {
  if (raw === null || raw.trim() === "") return null;
  const parsed = cursorSchema.safeParse(raw.trim());
  if (!parsed.success) {
    throw new HeraldError("invalid_request", `Invalid event cursor "${raw.slice(0, 40)}": must be an event id`, {
      issues: [{ path: "lastEventId", message: "must be an event id" }],
    });
  }
  return BigInt(parsed.data);
}
