"use server";
import { userAction } from "@/lib/actions/action";
import { activeMaintenance } from "@/lib/domain/system/maintenance";

/** The maintenance window every signed-in page shows a banner for, if any. */
export const activeMaintenanceAction = userAction(() => activeMaintenance());
