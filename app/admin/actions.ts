"use server";
// Admin-only actions: adminAction checks the role before reading the input.
import { adminAction } from "@/lib/actions/action";
import { announceFeature } from "@/lib/domain/system/announce-feature";
import { unwatchSystemStats, watchSystemStats } from "@/lib/domain/system/live-stats";
import { announceMaintenance } from "@/lib/domain/system/maintenance";
import { announcementSchema, maintenanceSchema } from "@/lib/validations/admin";
import { watchLeaseSchema } from "@/lib/validations/watch";

export const announceMaintenanceAction = adminAction(maintenanceSchema, (admin, notice) => announceMaintenance(admin.id, notice));

export const announceFeatureAction = adminAction(announcementSchema, (_admin, announcement) => announceFeature(announcement));

/** Held by an open /admin/system page: its admin receives the live system figures while the lease lasts. */
export const watchSystemStatsAction = adminAction(watchLeaseSchema, async (admin, { watchId }) => {
  watchSystemStats(admin.id, watchId);
  return null;
});

export const unwatchSystemStatsAction = adminAction(watchLeaseSchema, async (admin, { watchId }) => {
  unwatchSystemStats(admin.id, watchId);
  return null;
});
