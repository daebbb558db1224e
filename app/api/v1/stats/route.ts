import { apiKeyRoute } from "@/lib/api/route";
import { streamStats } from "@/lib/domain/system/stream-stats";
import { invalid } from "@/lib/errors";
import { statsQuerySchema } from "@/lib/validations/stats";

/** Open streams and online users on this instance; `?user=` adds one user's streams and presence. */
export const GET = apiKeyRoute({}, async ({ req }) => {
  const query = statsQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) throw invalid(query.error, "query");
  return Response.json(await streamStats(query.data.user));
});
