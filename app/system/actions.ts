"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/viewer";
import { activeMaintenance, type MaintenanceNotice } from "@/lib/domain/system/maintenance";

/** The maintenance window every signed-in page shows a banner for, if any. */
export async function activeMaintenanceAction(): Promise<ActionResult<MaintenanceNotice | null>> {
  return runAction(async () => {
    await requireUser();
    return activeMaintenance();
  });
}
