// Inputs of the admin page's server actions (also used by its forms).
import { z } from "zod";

const text = z.string().trim().min(3, "Write at least 3 characters").max(280, "Keep it under 280 characters");

export const maintenanceSchema = z.object({
  message: text,
  /** ISO time with offset: the browser converts its local input before sending. */
  startsAt: z.iso.datetime({ offset: true, error: "Pick a start time" }),
  durationMinutes: z.coerce.number().int().min(1, "At least 1 minute").max(24 * 60, "At most 24 hours"),
});
export type MaintenanceInput = z.infer<typeof maintenanceSchema>;

const pair = z.string().regex(/^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/, "Pairs look like BONK/USDT");

export const announcementSchema = z.object({
  message: text,
  /** Comma-separated trading pairs, optional. */
  pairs: z
    .string()
    .max(200)
    .optional()
    .transform((v) => (v ?? "").split(",").map((p) => p.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(pair).max(10)),
});
