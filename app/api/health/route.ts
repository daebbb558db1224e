import { edgeRoute } from "@/lib/api/edge";
import { HeraldError } from "@/lib/errors";
import { checkHealth } from "@/lib/health";

const noStore = { "Cache-Control": "no-store" };

/**
 * Liveness and readiness for load balancers (see lib/health). 200 with the figures; 503 in the one
 * error shape, the same figures beside `error` (`status: "unavailable" | "stopping"`).
 */
export const GET = edgeRoute({ route: "GET /api/health", access: { public: true } }, async () => {
  const { health, httpStatus } = await checkHealth();
  if (httpStatus === 503) {
    const why = health.status === "stopping" ? "This instance is stopping" : "The database is unreachable";
    throw new HeraldError("unavailable", why, { headers: { ...noStore, "Retry-After": "5" }, details: health });
  }
  return Response.json(health, { status: httpStatus, headers: noStore });
});
