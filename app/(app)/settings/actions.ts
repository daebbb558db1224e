"use server";
import { userAction } from "@/lib/actions/action";
import { endAllSessions, endSession } from "@/lib/auth/sessions";
import { registerDevice, removeDevice, savePreferences, updateContact } from "@/lib/notify/settings";
import { contactSchema, registerDeviceSchema, endSessionSchema, preferencesSchema, removeDeviceSchema } from "@/lib/validations/settings";

export const updateContactAction = userAction(contactSchema, async (user, data) => {
  await updateContact(user.id, data);
  return null;
});

export const savePreferencesAction = userAction(preferencesSchema, async (user, data) => {
  await savePreferences(user.id, data);
  return null;
});

export const registerDeviceAction = userAction(registerDeviceSchema, async (user, data) => {
  await registerDevice(user.id, data);
  return null;
});

export const removeDeviceAction = userAction(removeDeviceSchema, async (user, { id }) => {
  await removeDevice(user.id, id);
  return null;
});

/** Ends one of the user's sessions (its streams close at once, on every instance). */
export const endSessionAction = userAction(endSessionSchema, async (user, { id }) => {
  await endSession(user.id, id);
  return null;
});

/** "Sign out everywhere": every session of the user, this one included. */
export const endAllSessionsAction = userAction(async (user) => ({ ended: await endAllSessions(user.id) }));
