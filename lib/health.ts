import "server-only";
// What /api/health answers, for a load balancer and a person. 503 when this instance cannot serve:
// the database is unreachable (nothing can be stored or replayed) or it is shutting down. The bus
// being down is reported but stays 200 ("degraded"): every instance shares the same Redis, so
// taking them all out of rotation would turn a degraded service into an outage; streams still get
// their events, read back from the database when the bus returns.
import { stopping } from "@/lib/boot";
import { pingDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hub } from "@/lib/realtime/hub";

export type Health = {
  status: "ok" | "degraded" | "unavailable" | "stopping";
  database: "up" | "down";
  bus: "up" | "down" | "in-process";
  streams: number;
};

export async function checkHealth(): Promise<{ health: Health; httpStatus: number }> {
  const [databaseUp, h] = await Promise.all([pingDatabase(), hub()]);
  const bus = !env().REDIS_URL ? "in-process" : h.bus.state().connected ? "up" : "down";
  const status = stopping() ? "stopping" : !databaseUp ? "unavailable" : bus === "down" ? "degraded" : "ok";
  const health: Health = { status, database: databaseUp ? "up" : "down", bus, streams: h.registry.stats().streams };
  return { health, httpStatus: status === "ok" || status === "degraded" ? 200 : 503 };
}
