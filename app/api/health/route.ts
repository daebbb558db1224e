import { checkHealth } from "@/lib/health";

/** Liveness and readiness for load balancers: 503 when this instance cannot serve (see lib/health). */
export async function GET() {
  const { health, httpStatus } = await checkHealth();
  return Response.json(health, { status: httpStatus, headers: { "Cache-Control": "no-store", ...(httpStatus === 503 ? { "Retry-After": "5" } : {}) } });
}
