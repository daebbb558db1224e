import { getStats } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import type { statsSchema } from "@/lib/api/schemas";
import { streamStats } from "@/lib/domain/system/stream-stats";
import { invalid } from "@/lib/errors";
import { statsQuerySchema } from "@/lib/validations/stats";
import type { z } from "zod";

/** Open streams and online users on this instance; `?user=` adds one user's streams and presence. */
export const GET = apiRoute(getStats, async ({ req }) => {
  const query = statsQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) throw invalid(query.error, "query");
  return Response.json((await streamStats(query.data.user)) satisfies z.input<typeof statsSchema>);
});
