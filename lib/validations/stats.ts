import { z } from "zod";

/** `GET /api/v1/stats?user=<id or email>`: also that user's streams here and whether they count as online. */
export const statsQuerySchema = z.object({
  user: z.string().trim().min(1).max(254).optional().meta({ description: "A user id or email: also report that user's streams and presence" }),
});
