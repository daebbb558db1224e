import "server-only";
// Push tokens registered by a provisioned user's backend (a mobile app's FCM registration token).
// They feed the push channel exactly as devices added on the settings page do.
import { prisma } from "@/lib/db/client";
import { HeraldError } from "@/lib/errors";
import { registerDevice } from "@/lib/notify/settings";
import { findProvisioned } from "./provision-user";

export async function addProvisionedDevice(externalId: string, input: { token: string; label: string }) {
  const { id } = await findProvisioned(externalId);
  await registerDevice(id, input);
  const db = await prisma();
  const device = await db.device.findUniqueOrThrow({ where: { token: input.token } });
  return { id: device.id, label: device.label, token: device.token, createdAt: device.createdAt.toISOString() };
}

export async function removeProvisionedDevice(externalId: string, token: string): Promise<void> {
  const { id } = await findProvisioned(externalId);
  const db = await prisma();
  const { count } = await db.device.deleteMany({ where: { userId: id, token } });
  if (count === 0) throw new HeraldError("not_found", "That token is not registered to this user");
}
