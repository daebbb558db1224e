"use server";
// Admin-only actions: adminAction checks the role before reading the input.
import { adminAction } from "@/lib/actions/action";
import { announceFeature } from "@/lib/domain/system/announce-feature";
import { announceMaintenance } from "@/lib/domain/system/maintenance";
import { announcementSchema, maintenanceSchema } from "@/lib/validations/admin";

export const announceMaintenanceAction = adminAction(maintenanceSchema, (admin, notice) => announceMaintenance(admin.id, notice));

export const announceFeatureAction = adminAction(announcementSchema, (_admin, announcement) => announceFeature(announcement));
