"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/viewer";
import { registerDevice, removeDevice, savePreferences, updateContact } from "@/lib/notify/settings";
import {
  contactSchema,
  deviceSchema,
  preferencesSchema,
  removeDeviceSchema,
  type ContactInput,
  type DeviceInput,
  type PreferencesInput,
} from "@/lib/validations/settings";

export async function updateContactAction(input: ContactInput): Promise<ActionResult> {
  return runAction(async () => {
    const data = contactSchema.parse(input);
    const user = await requireUser();
    await updateContact(user.id, data);
    return null;
  });
}

export async function savePreferencesAction(input: PreferencesInput): Promise<ActionResult> {
  return runAction(async () => {
    const data = preferencesSchema.parse(input);
    const user = await requireUser();
    await savePreferences(user.id, data);
    return null;
  });
}

export async function registerDeviceAction(input: DeviceInput): Promise<ActionResult> {
  return runAction(async () => {
    const data = deviceSchema.parse(input);
    const user = await requireUser();
    await registerDevice(user.id, data);
    return null;
  });
}

export async function removeDeviceAction(input: { id: string }): Promise<ActionResult> {
  return runAction(async () => {
    const { id } = removeDeviceSchema.parse(input);
    const user = await requireUser();
    await removeDevice(user.id, id);
    return null;
  });
}
