import { getMetrics } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { metricsText } from "@/lib/metrics/scrape";

/** Prometheus metrics of this instance (bearer HERALD_METRICS_TOKEN, or the API key without one). */
export const GET = apiRoute(getMetrics, async () => {
  const { text, contentType } = await metricsText();
  return new Response(text, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});
