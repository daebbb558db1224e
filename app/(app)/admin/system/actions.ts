"use server";
import { adminAction } from "@/lib/actions/action";
import { unwatchSystemStats, watchSystemStats } from "@/lib/domain/system/live-stats";
import { watchLeaseSchema } from "@/lib/validations/watch";

/** Held by an open /admin/system page: its admin receives the live system figures while the lease lasts. */
export const watchSystemStatsAction = adminAction(watchLeaseSchema, async (admin, { watchId }) => {
  watchSystemStats(admin.id, watchId);
  return null;
});

export const unwatchSystemStatsAction = adminAction(watchLeaseSchema, async (admin, { watchId }) => {
  unwatchSystemStats(admin.id, watchId);
  return null;
});
