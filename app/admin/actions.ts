"use server";
// Admin-only actions: each checks the role before reading its input.
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireAdmin } from "@/lib/auth/viewer";
import { announceFeature } from "@/lib/domain/system/announce-feature";
import { unwatchSystemStats, watchSystemStats } from "@/lib/domain/system/live-stats";
import { announceMaintenance, type MaintenanceNotice } from "@/lib/domain/system/maintenance";
import { announcementSchema, maintenanceSchema } from "@/lib/validations/admin";
import { watchLeaseSchema } from "@/lib/validations/watch";

export async function announceMaintenanceAction(input: unknown): Promise<ActionResult<MaintenanceNotice>> {
  return runAction(async () => {
    const admin = await requireAdmin();
    return announceMaintenance(admin.id, maintenanceSchema.parse(input));
  });
}

export async function announceFeatureAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    await requireAdmin();
    return announceFeature(announcementSchema.parse(input));
  });
}

/** Held by an open /admin/system page: its admin receives the live system figures while the lease lasts. */
export async function watchSystemStatsAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireAdmin();
    watchSystemStats(admin.id, watchLeaseSchema.parse(input).watchId);
    return null;
  });
}

export async function unwatchSystemStatsAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const admin = await requireAdmin();
    unwatchSystemStats(admin.id, watchLeaseSchema.parse(input).watchId);
    return null;
  });
}
