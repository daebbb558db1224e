"use server";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { endAllSessions, endSession } from "@/lib/auth/sessions";
import { requireUser } from "@/lib/auth/viewer";
import { registerDevice, removeDevice, savePreferences, updateContact } from "@/lib/notify/settings";
import {
  contactSchema,
  deviceSchema,
  endSessionSchema,
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

/** Ends one of the user's sessions (its streams close at once, on every instance). */
export async function endSessionAction(input: { id: string }): Promise<ActionResult> {
  return runAction(async () => {
    const { id } = endSessionSchema.parse(input);
    const user = await requireUser();
    await endSession(user.id, id);
    return null;
  });
}

/** "Sign out everywhere": every session of the user, this one included. */
export async function endAllSessionsAction(): Promise<ActionResult<{ ended: number }>> {
  return runAction(async () => {
    const user = await requireUser();
    return { ended: await endAllSessions(user.id) };
  });
}
